using System.Globalization;
using System.Text;
using DxTracker.Web.Domain;

namespace DxTracker.Web.Features.Reports;

/// <summary>Addresses and download names of a plan year's report and open data.</summary>
public static class ReportFiles
{
    public static string PreviewUrl(int planId, int fiscalYear) => Invariant($"/plans/{planId}/years/{fiscalYear}/report");

    public static string WorkbookUrl(int planId, int fiscalYear) => Invariant($"/plans/{planId}/years/{fiscalYear}/report.xlsx");

    public static string CsvUrl(int planId, int fiscalYear) => Invariant($"/plans/{planId}/years/{fiscalYear}/results.csv");

    public static string JsonUrl(int planId, int fiscalYear) => Invariant($"/plans/{planId}/years/{fiscalYear}/results.json");

    /// <summary>「徳島市情報化基本計画_取組実績_令和2年度.xlsx」; 「…_未確定」 before the extension while the year is not closed.</summary>
    public static string FileName(string planName, FiscalYear year, bool isFinal, string extension) =>
        $"{Safe(planName)}_取組実績_{year.Label}{(isFinal ? string.Empty : "_未確定")}.{extension}";

    /// <summary>The ASCII name for clients that do not read RFC 5987: 「dxtracker-plan3-fy2020-report.xlsx」.</summary>
    public static string AsciiFileName(int planId, FiscalYear year, string kind, bool isFinal, string extension) =>
        Invariant($"dxtracker-plan{planId}-fy{year.Year}-{kind}{(isFinal ? string.Empty : "-draft")}.{extension}");

    /// <summary>
    /// Content-Disposition with both names: <c>attachment; filename="…ascii…"; filename*=UTF-8''…percent-encoded…</c>
    /// (RFC 6266 and RFC 5987), so that browsers save the Japanese name and older clients a readable one.
    /// </summary>
    public static string ContentDisposition(string fileName, string asciiFileName) =>
        $"attachment; filename=\"{asciiFileName}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";

    /// <summary>A plan name as part of a file name: characters file systems refuse become 「_」.</summary>
    private static string Safe(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            safe.Append(char.IsControl(c) || "\\/:*?\"<>|".Contains(c, StringComparison.Ordinal) ? '_' : c);
        }

        return safe.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
