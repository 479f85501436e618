using DxTracker.EndToEnd.Infrastructure;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Reporting;

namespace DxTracker.EndToEnd.Reporting;

/// <summary>
/// The Tokushima workbook opened by an independent reader: LibreOffice prints it to PDF, poppler turns the pages
/// into PNGs kept in <c>artifacts/report/</c> for a person to look at.
/// </summary>
public sealed class AnnualReportPrintTests
{
    [Fact]
    public async Task Tokushima_workbook_prints_to_pdf_with_the_header_on_every_list_page()
    {
        var workbookPath = Pages.ArtifactPath("report", "tokushima-r2.xlsx");
        LibreOffice.DeleteEarlierRun(Path.GetDirectoryName(workbookPath)!, "tokushima-r2");
        await File.WriteAllBytesAsync(workbookPath, AnnualReportWorkbook.Build(TokushimaReportModel.Load()).ToArray());

        var pdfPath = await LibreOffice.ConvertToPdfAsync(workbookPath);
        Assert.True(new FileInfo(pdfPath).Length > 50_000, "The PDF is suspiciously small.");

        var images = await LibreOffice.PagesToPngAsync(pdfPath);
        Assert.InRange(images.Count, 6, 40);

        var pages = await LibreOffice.PageTextsAsync(pdfPath);
        Assert.Contains("「徳島市情報化基本計画」の取組実績（令和2年度）", pages[0], StringComparison.Ordinal);
        Assert.Matches(@"-\s*1\s*-", pages[0]);
        var listPages = pages.Where(p => p.Contains("デジタル推進課", StringComparison.Ordinal) && !p.Contains("別の自己評価", StringComparison.Ordinal)).ToList();
        Assert.True(listPages.Count >= 3, "Expected the list to run over several pages.");
        Assert.All(listPages, page => Assert.Contains("改善・拡充策、課題等", page, StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("取組方針4「情報化推進体制の整備」", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("評価指標の予定と実績", StringComparison.Ordinal) && p.Contains("12,900件", StringComparison.Ordinal));
    }
}
