using System.Security.Claims;
using DxTracker.Web.Domain;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// The one answer to "may this user do this": who reviews, whose part of an item a user may write, who
/// administers. Handlers, queries and pages ask here (through <see cref="Features.Evaluations.CurrentUser"/> or
/// with the principal in hand), so that a page never offers what the handler would refuse, and the rule is
/// changed in one place. Who may read a report is <see cref="Features.Reports.ReportAccess"/>, built on these.
/// </summary>
public static class Access
{
    public static bool IsSignedIn(ClaimsPrincipal user) => user?.Identity?.IsAuthenticated == true;

    /// <summary>Reviewer (デジタル推進課) or administrator: reviews, and may write every department's part.</summary>
    public static bool IsReviewer(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return IsSignedIn(user) && (user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Admin));
    }

    public static bool IsAdmin(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return IsSignedIn(user) && user.IsInRole(Roles.Admin);
    }

    public static bool IsEditor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return IsSignedIn(user) && user.IsInRole(Roles.Editor);
    }

    /// <summary>
    /// The departments whose part of an item this user may write: every one for a reviewer, the user's own among
    /// the item's for an editor, none for a viewer (who may not even open the form).
    /// </summary>
    public static IReadOnlyList<int> WritableDepartments(ClaimsPrincipal user, IReadOnlySet<int> userDepartments, IEnumerable<int> itemDepartments)
    {
        ArgumentNullException.ThrowIfNull(userDepartments);
        ArgumentNullException.ThrowIfNull(itemDepartments);
        if (IsReviewer(user))
        {
            return itemDepartments.ToList();
        }
        return IsEditor(user) ? itemDepartments.Where(userDepartments.Contains).ToList() : [];
    }

    /// <summary>
    /// Who reads an evaluation before it is approved (its texts, KPI actuals, return comments, rating-change reasons and
    /// their history): the office and administrators, and the editors of the item's own departments. Viewers and other
    /// departments read approved content only. The item page, its history and every export ask here.
    /// </summary>
    public static bool MayReadDrafts(ClaimsPrincipal user, IReadOnlySet<int> userDepartments, IEnumerable<int> itemDepartments)
    {
        ArgumentNullException.ThrowIfNull(userDepartments);
        ArgumentNullException.ThrowIfNull(itemDepartments);
        return IsReviewer(user) || (IsEditor(user) && itemDepartments.Any(userDepartments.Contains));
    }
}
