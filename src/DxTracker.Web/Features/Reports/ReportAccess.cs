using System.Security.Claims;
using DxTracker.Web.Infrastructure.Auth;

namespace DxTracker.Web.Features.Reports;

/// <summary>What the server answers a request for a report or its open data.</summary>
public enum ReportAccessDecision
{
    Allowed,

    /// <summary>Not signed in, and the year is not public: sign in first (login redirect for pages, 401 for files).</summary>
    SignInRequired,

    /// <summary>Signed in, but this user may not read it (yet): 403.</summary>
    Forbidden,
}

/// <summary>
/// Who may read the annual report and the open data of a plan year (docs/api.md). The preview page and the
/// endpoints ask here, so that the page never shows a link the endpoint would refuse.
/// </summary>
public static class ReportAccess
{
    /// <summary>
    /// 取組実績 (report.xlsx and the preview): reviewers and administrators for any year (with unapproved items, marked);
    /// other signed-in users once the year is closed; anyone once it is public (both with approved results only).
    /// </summary>
    public static (ReportAccessDecision Decision, ReportAudience Audience) ForReport(ClaimsPrincipal user, ReportYear year)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(year);
        if (Access.IsReviewer(user))
        {
            return (ReportAccessDecision.Allowed, ReportAudience.Reviewers);
        }

        return ForApprovedResults(user, year);
    }

    /// <summary>results.csv and results.json: approved results of a closed year, for every signed-in user; anyone once public.</summary>
    public static (ReportAccessDecision Decision, ReportAudience Audience) ForOpenData(ClaimsPrincipal user, ReportYear year)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(year);
        return ForApprovedResults(user, year);
    }

    private static (ReportAccessDecision, ReportAudience) ForApprovedResults(ClaimsPrincipal user, ReportYear year)
    {
        if (Access.IsSignedIn(user))
        {
            return (year.IsClosed ? ReportAccessDecision.Allowed : ReportAccessDecision.Forbidden, ReportAudience.Members);
        }

        return (year.IsClosed && year.IsPublic ? ReportAccessDecision.Allowed : ReportAccessDecision.SignInRequired, ReportAudience.Public);
    }
}
