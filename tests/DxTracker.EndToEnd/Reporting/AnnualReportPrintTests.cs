using System.Diagnostics;
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
    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Tokushima_workbook_prints_to_pdf_with_the_header_on_every_list_page()
    {
        var folder = Path.GetDirectoryName(Pages.ArtifactPath("report", "tokushima-r2.xlsx"))!;
        foreach (var old in Directory.EnumerateFiles(folder, "tokushima-r2*"))
        {
            File.Delete(old);
        }

        var workbookPath = Path.Combine(folder, "tokushima-r2.xlsx");
        await File.WriteAllBytesAsync(workbookPath, AnnualReportWorkbook.Build(TokushimaReportModel.Load()).ToArray());

        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync("soffice", ["-env:UserInstallation=" + new Uri(profile).AbsoluteUri, "--headless", "--convert-to", "pdf", "--outdir", folder, workbookPath]);
        }
        finally
        {
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }

        var pdfPath = Path.Combine(folder, "tokushima-r2.pdf");
        Assert.True(File.Exists(pdfPath), "LibreOffice wrote no PDF.");
        Assert.True(new FileInfo(pdfPath).Length > 50_000, "The PDF is suspiciously small.");

        await RunAsync("pdftoppm", ["-png", "-r", "60", pdfPath, Path.Combine(folder, "tokushima-r2")]);
        var images = Directory.GetFiles(folder, "tokushima-r2-*.png");
        Assert.InRange(images.Length, 6, 40);

        var pages = (await RunAsync("pdftotext", ["-layout", pdfPath, "-"])).Split('\f', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("「徳島市情報化基本計画」の取組実績（令和2年度）", pages[0], StringComparison.Ordinal);
        Assert.Matches(@"-\s*1\s*-", pages[0]);
        var listPages = pages.Where(p => p.Contains("デジタル推進課", StringComparison.Ordinal) && !p.Contains("別の自己評価", StringComparison.Ordinal)).ToList();
        Assert.True(listPages.Count >= 3, "Expected the list to run over several pages.");
        Assert.All(listPages, page => Assert.Contains("改善・拡充策、課題等", page, StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("取組方針4「情報化推進体制の整備」", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("評価指標の予定と実績", StringComparison.Ordinal) && p.Contains("12,900件", StringComparison.Ordinal));
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ConversionTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {ConversionTimeout.TotalSeconds} s.");
        }

        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
