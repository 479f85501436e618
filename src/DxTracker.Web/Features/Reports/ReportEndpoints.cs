using DxTracker.Web.Reporting;
using DxTracker.Web.Reporting.OpenData;
using DxTracker.Web.Reporting.Xlsx;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DxTracker.Web.Features.Reports;

/// <summary>
/// Downloads of a plan year: the annual report workbook and the open data (docs/api.md). The endpoints are open to
/// anonymous requests and decide themselves (<see cref="ReportAccess"/>), because a public year is for everyone.
/// </summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var year = endpoints.MapGroup("/plans/{planId:int}/years/{fiscalYear:int}").AllowAnonymous();
        year.MapGet("/report.xlsx", WorkbookAsync);
        year.MapGet("/results.csv", (int planId, int fiscalYear, HttpContext http, AnnualReportQuery query) =>
            OpenDataAsync(planId, fiscalYear, http, query, "csv", ResultsCsv.ContentType, ResultsCsv.ToBytes));
        year.MapGet("/results.json", (int planId, int fiscalYear, HttpContext http, AnnualReportQuery query) =>
            OpenDataAsync(planId, fiscalYear, http, query, "json", ResultsJson.ContentType, ResultsJson.ToBytes));
    }

    private static async Task<IResult> WorkbookAsync(int planId, int fiscalYear, HttpContext http, AnnualReportQuery query)
    {
        if (await query.FindYearAsync(planId, fiscalYear) is not { } year)
        {
            return TypedResults.NotFound();
        }

        var (decision, audience) = ReportAccess.ForReport(http.User, year);
        if (decision != ReportAccessDecision.Allowed)
        {
            // A person who follows a link while signed out signs in and gets the file.
            return decision == ReportAccessDecision.SignInRequired ? TypedResults.Challenge() : TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var report = await query.LoadAsync(planId, fiscalYear, audience);
        var bytes = AnnualReportWorkbook.Build(report.Model).ToArray();
        return File(http, bytes, XlsxWorkbook.ContentType, year, report.Model.IsFinal, "report", "xlsx");
    }

    private static async Task<IResult> OpenDataAsync(
        int planId, int fiscalYear, HttpContext http, AnnualReportQuery query, string extension, string contentType, Func<AnnualReportModel, byte[]> write)
    {
        if (await query.FindYearAsync(planId, fiscalYear) is not { } year)
        {
            return TypedResults.NotFound();
        }

        var (decision, audience) = ReportAccess.ForOpenData(http.User, year);
        if (decision != ReportAccessDecision.Allowed)
        {
            // Open data is read by programs as well as people: a plain 401, not a redirect to the sign-in page.
            return TypedResults.StatusCode(decision == ReportAccessDecision.SignInRequired ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
        }

        var report = await query.LoadAsync(planId, fiscalYear, audience);
        return File(http, write(report.Model), contentType, year, report.Model.IsFinal, "results", extension);
    }

    private static FileContentHttpResult File(HttpContext http, byte[] bytes, string contentType, ReportYear year, bool isFinal, string kind, string extension)
    {
        var headers = http.Response.Headers;
        headers.ContentDisposition = ReportFiles.ContentDisposition(
            ReportFiles.FileName(year.PlanName, year.FiscalYear, isFinal, extension),
            ReportFiles.AsciiFileName(year.PlanId, year.FiscalYear, kind, isFinal, extension));
        // A report that may still change must never be served from a cache; a final one is revalidated.
        headers.CacheControl = isFinal ? "private, no-cache" : "no-store";
        return TypedResults.File(bytes, contentType);
    }
}
