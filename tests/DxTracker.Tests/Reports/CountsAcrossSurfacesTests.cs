using System.Globalization;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using DxTracker.Tests.Infrastructure;
using DxTracker.Tests.Reporting;
using DxTracker.Web.Features.Plans;
using DxTracker.Web.Reporting;

namespace DxTracker.Tests.Reports;

/// <summary>
/// Issue 11: a closed year has one set of figures. The counts per grade and the total of a closed year read the same on
/// the plan page, the JSON API, the report preview (the public page, for an anonymous reader of a public year), the
/// workbook and the open data (CSV and JSON), for every reader who may see them: one counting rule, not copies.
/// </summary>
public sealed class CountsAcrossSurfacesTests(ReportAppFixture app) : IClassFixture<ReportAppFixture>
{
    /// <summary>Grade code → count, and the total the surface prints (null where it prints none).</summary>
    private sealed record Figures(IReadOnlyDictionary<string, int> Counts, int? Total)
    {
        public override string ToString() =>
            string.Join(" ", Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")) + (Total is { } t ? $" total={t}" : "");
    }

    [Theory]
    [InlineData("closed", "reviewer")]
    [InlineData("closed", "viewer")]
    [InlineData("public", "reviewer")]
    [InlineData("public", "editor")]
    [InlineData("public", "anonymous")]
    [InlineData("tokushima-2020", "viewer")]
    [InlineData("tokushima-2020", "reviewer")]
    public async Task A_closed_year_reads_the_same_counts_everywhere(string year, string reader)
    {
        var (planId, fiscalYear) = year switch
        {
            "closed" => (app.ClosedYear.PlanId, ReportScenario.FiscalYear),
            "public" => (app.PublicYear.PlanId, ReportScenario.FiscalYear),
            _ => (await app.TokushimaPlanIdAsync(), 2020),
        };
        var client = app.Clients[reader];
        var path = $"/plans/{planId}/years/{fiscalYear}";
        var surfaces = new Dictionary<string, Figures>
        {
            ["preview"] = Preview(await client.GetStringAsync(path + "/report")),
            ["workbook"] = Workbook(await client.GetByteArrayAsync(path + "/report.xlsx")),
            ["results.csv"] = Csv(await client.GetByteArrayAsync(path + "/results.csv")),
            ["results.json"] = Json(await client.GetStringAsync(path + "/results.json")),
        };
        if (reader != "anonymous")
        {
            surfaces["api"] = Api(await client.GetStringAsync($"/api/plans/{planId}/years/{fiscalYear}/summary"));
            await using var scope = await HandlerScope.ForAsync(app.Factory.Services, reader);
            var page = await scope.Get<PlanPageQuery>().LoadAsync(planId, fiscalYear.ToString(CultureInfo.InvariantCulture), PlanPageFilter.None, 1);
            var summary = page!.Data!.Summary.Summary;
            surfaces["plan page"] = new(summary.Grades.ToDictionary(g => g.Code, g => g.Count), summary.Total);
        }

        var api = surfaces["results.json"];
        var differing = surfaces.Where(s => !Same(s.Value, api)).Select(s => $"{s.Key}: {s.Value} (results.json: {api})").ToList();
        Assert.True(differing.Count == 0, string.Join("\n", differing));
        // The closed scenario years count their one approved item (A); the two not started and the unapproved No.4 are
        // in no count. Tokushima's 令和2年度 is its published table: S3 A15 B9 C0 of 27.
        var expected = year == "tokushima-2020" ? "A=15 B=9 C=0 S=3 total=27" : "A=1 B=0 C=0 S=0 total=1";
        Assert.Equal(expected, api.ToString());
    }

    private static bool Same(Figures a, Figures b) =>
        a.Counts.Count == b.Counts.Count && a.Counts.All(c => b.Counts.TryGetValue(c.Key, out var n) && n == c.Value)
        && (a.Total is null || b.Total is null || a.Total == b.Total);

    /// <summary>The grade table of the preview: one row per grade (its name 「A（…）」 or 「A」), then 合計.</summary>
    private static Figures Preview(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var table = document.QuerySelector("table.report-table")!;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int? total = null;
        foreach (var row in table.QuerySelectorAll("tbody tr"))
        {
            var name = row.QuerySelector("th")!.TextContent.Trim();
            var count = int.Parse(row.QuerySelectorAll("td")[1].TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            if (name == "合計")
            {
                total = count;
            }
            else
            {
                counts[Code(name)] = count;
            }
        }
        return new(counts, total);
    }

    /// <summary>The 自己評価結果 sheet: column A the grade's name, C its count; the 合計 row.</summary>
    private static Figures Workbook(byte[] bytes)
    {
        using var book = new WorkbookCells(bytes);
        var sheet = book.Of(AnnualReportWorkbook.SummarySheetName).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int? total = null;
        var tableStart = sheet.First(c => c.Column == "A" && c.Value == "自己評価").Row;
        foreach (var name in sheet.Where(c => c.Column == "A" && c.Row > tableStart).OrderBy(c => c.Row))
        {
            var count = sheet.SingleOrDefault(c => c.Row == name.Row && c.Column == "C");
            if (count is null || count.Type == "s")
            {
                break;
            }
            if (name.Value == "合計")
            {
                total = (int)count.Number;
                break;
            }
            counts[Code(name.Value)] = (int)count.Number;
        }
        return new(counts, total);
    }

    /// <summary>The open data CSV: the 評価 column of each row, counted per grade of the scale (outcome marks left out).</summary>
    private static Figures Csv(byte[] bytes)
    {
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var rating = Array.IndexOf(header, "評価");
        // No field of these scenarios holds a comma or a quote before the 評価 column: a plain split reads it.
        var ratings = lines.Skip(1).Select(l => l.Split(',')[rating]).ToList();
        return new(Scale.ToDictionary(g => g, g => ratings.Count(r => r == g)), null);
    }

    private static Figures Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        var summary = document.RootElement.GetProperty("summary");
        return new(summary.GetProperty("grades").EnumerateArray().ToDictionary(g => g.GetProperty("code").GetString()!, g => g.GetProperty("count").GetInt32()),
            summary.GetProperty("rated").GetInt32());
    }

    private static Figures Api(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new(root.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()), root.GetProperty("total").GetInt32());
    }

    private static readonly string[] Scale = ["S", "A", "B", "C"];

    /// <summary>「A（目標どおり）」 → 「A」.</summary>
    private static string Code(string name) => name.Split('（')[0].Trim();
}
