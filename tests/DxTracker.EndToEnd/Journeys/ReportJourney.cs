using DxTracker.EndToEnd.Infrastructure;
using DxTracker.EndToEnd.Reporting;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DxTracker.EndToEnd.Journeys;

/// <summary>
/// The annual report of the demo plan's closed year (徳島市, 令和2年度): the reviewer previews it, downloads the workbook
/// (printed by LibreOffice to PDF and PNG pages in <c>artifacts/report/</c>) and publishes the year, after which
/// anyone may read it without signing in.
/// </summary>
[Collection(AppServerGroup.Name)]
public sealed class ReportJourney(AppServer app)
{
    private const string Title = "「徳島市情報化基本計画」の取組実績（令和2年度）";

    [Fact]
    public async Task Reviewer_previews_downloads_and_publishes_the_closed_year_then_anyone_may_read_it()
    {
        var planId = await TokushimaPlanIdAsync();
        var preview = $"/plans/{planId}/years/2020/report";

        // Signed out, the year is not public yet: the preview asks to sign in.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(preview);
        await visitor.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));

        var reviewer = await app.NewPageAsync();
        await Pages.SignInAsync(reviewer, "reviewer", DemoData.Password);
        await reviewer.GotoAsync(preview);
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Img, new() { Name = "令和2年度の自己評価の分布" })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Button, new() { Name = "印刷" })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByText("未確定", new() { Exact = true })).ToHaveCountAsync(0);
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "30-report-preview-r2");

        // The workbook as the browser saves it, then printed by LibreOffice.
        var download = await reviewer.RunAndWaitForDownloadAsync(() =>
            reviewer.GetByRole(AriaRole.Link, new() { Name = "Excel（.xlsx）でダウンロード" }).ClickAsync());
        Assert.Equal("徳島市情報化基本計画_取組実績_令和2年度.xlsx", download.SuggestedFilename);
        var workbookPath = Pages.ArtifactPath("report", "journey-r2.xlsx");
        LibreOffice.DeleteEarlierRun(Path.GetDirectoryName(workbookPath)!, "journey-r2");
        await download.SaveAsAsync(workbookPath);
        var pdfPath = await LibreOffice.ConvertToPdfAsync(workbookPath);
        var images = await LibreOffice.PagesToPngAsync(pdfPath);
        Assert.InRange(images.Count, 6, 40);
        var pages = await LibreOffice.PageTextsAsync(pdfPath);
        Assert.Contains(Title, pages[0], StringComparison.Ordinal);
        Assert.Contains(pages, p => p.Contains("取組方針4「情報化推進体制の整備」", StringComparison.Ordinal));
        Assert.DoesNotContain(pages, p => p.Contains("未確定", StringComparison.Ordinal));

        // The reviewer publishes the year on its management page.
        // From the static preview: the new page's heading first, then its circuit (asked at once, the check would
        // see the static page that was still shown, and the click could land on the prerendered button; it did once).
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "年度の管理（確定・公開）" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "公開" })).ToBeVisibleAsync();
        await Pages.WaitForCircuitAsync(reviewer);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "公開する" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByText("公開しました。")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Button, new() { Name = "公開をやめる" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(reviewer);
        await Pages.ScreenshotAsync(reviewer, "31-report-year-published");

        // Now anyone reads the report and its open data without signing in.
        await visitor.GotoAsync(preview);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith(preview, visitor.Url, StringComparison.Ordinal);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "オープンデータ（CSV）" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(visitor);
        await Pages.ScreenshotAsync(visitor, "32-report-public-signed-out");
        var csv = await visitor.Context.APIRequest.GetAsync($"/plans/{planId}/years/2020/results.csv");
        Assert.Equal(200, csv.Status);
        Assert.Contains("オープンデータの推進", await csv.TextAsync(), StringComparison.Ordinal);

        // Withdrawn again, so that the demo plan is as other journeys expect it.
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "公開をやめる" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByText("公開をやめました。")).ToBeVisibleAsync();
        await visitor.GotoAsync(preview);
        await visitor.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
    }

    private async Task<int> TokushimaPlanIdAsync()
    {
        await using var db = TestDatabase.CreateContext(app.ConnectionString);
        return await db.Plans.Where(p => p.Name == DemoData.PlanName && p.Municipality == DemoData.Municipality).Select(p => p.Id).SingleAsync();
    }
}
