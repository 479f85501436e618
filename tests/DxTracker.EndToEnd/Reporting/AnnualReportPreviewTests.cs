using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Reporting;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Reporting;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Reporting;

/// <summary>
/// The report preview component in Chromium with the app's stylesheet: accessible by axe-core, and printed to PDF
/// with the print stylesheet (A4 landscape, table headers on every page). The test renders the component from the
/// test-only model and puts it in a page of the running app; the routed page is in <c>Journeys/ReportJourney</c>.
/// </summary>
[Collection(AppServerGroup.Name)]
public sealed class AnnualReportPreviewTests(AppServer app)
{
    [Fact]
    public async Task Tokushima_preview_is_accessible_and_prints_on_a4_landscape()
    {
        var body = await ReportRendering.RenderAsync<AnnualReportView>(new Dictionary<string, object?> { [nameof(AnnualReportView.Model)] = TokushimaReportModel.Load() });
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.SetContentAsync(
            "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>取組実績のプレビュー</title>" +
            "<link rel=\"stylesheet\" href=\"/css/app.css\"></head><body><main id=\"main-content\" class=\"page\">" + body + "</main></body></html>");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "「徳島市情報化基本計画」の取組実績（令和2年度）", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "令和2年度の自己評価の分布" })).ToBeVisibleAsync();
        // The app's stylesheet is in force: the charts' data tables are visually hidden.
        Assert.Equal("absolute", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('table.sr-only')).position"));
        await Pages.AssertAccessibleAsync(page);
        await Pages.ScreenshotAsync(page, "report-preview-tokushima-r2");

        var pdfPath = Pages.ArtifactPath("report", "preview-tokushima-r2.pdf");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal("table-header-group", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.report-list thead')).display"));
        await page.PdfAsync(new() { Path = pdfPath, PreferCSSPageSize = true, PrintBackground = true });
        Assert.True(new FileInfo(pdfPath).Length > 50_000, "The printed preview is suspiciously small.");
    }
}
