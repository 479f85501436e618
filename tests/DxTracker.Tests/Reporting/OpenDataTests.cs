using System.Text;
using System.Text.Json;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Domain;
using DxTracker.Web.Reporting;
using DxTracker.Web.Reporting.OpenData;

namespace DxTracker.Tests.Reporting;

public sealed class OpenDataTests
{
    // --- results.csv --------------------------------------------------------------------------------------------

    [Fact]
    public void Csv_starts_with_a_bom_ends_records_with_crlf_and_has_one_row_per_item()
    {
        var bytes = ResultsCsv.ToBytes(TokushimaReportModel.Load());

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var records = ParseCsv(text);
        Assert.Equal(ResultsCsv.Columns, records[0]);
        Assert.Equal(28, records.Count);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.All(records, r => Assert.Equal(13, r.Count));

        var first = records[1];
        Assert.Equal(["徳島市情報化基本計画", "2020", "令和2年度", "1", "地域課題解決への取組みに向けたICT利活用の促進", "1", "オープンデータの推進", "B", "B"], first[..9]);
        Assert.StartsWith("(1) オープンデータカタログサイトのバージョンアップ作業", first[9], StringComparison.Ordinal);
        Assert.DoesNotContain("【公開データセット数", first[9], StringComparison.Ordinal);
        Assert.Equal("デジタル推進課（情報推進課）", first[11]);
        Assert.Equal("確定", first[12]);
        Assert.Equal("デジタル推進課（情報推進課）、住宅課", records[2][11]);
    }

    [Fact]
    public void Csv_quotes_commas_quotes_and_line_breaks_as_rfc_4180_says()
    {
        Assert.Equal("普通", ResultsCsv.Field("普通"));
        Assert.Equal("\"a,b\"", ResultsCsv.Field("a,b"));
        Assert.Equal("\"彼は\"\"はい\"\"と言った\"", ResultsCsv.Field("彼は\"はい\"と言った"));
        Assert.Equal("\"一行目\n二行目\"", ResultsCsv.Field("一行目\r\n二行目"));
        Assert.Equal(string.Empty, ResultsCsv.Field(null));

        var model = Model(item => item with
        {
            Title = "a,\"b\"",
            Parts = [new ReportItemPart("課", "一行目\n二行目,三", string.Empty)],
        });
        var records = ParseCsv(ResultsCsv.ToText(model));
        Assert.Equal("a,\"b\"", records[1][6]);
        Assert.Equal("一行目\n二行目,三", records[1][9]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+81-3-1234-5678", "'+81-3-1234-5678")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tタブ", "'\tタブ")]
    [InlineData("\r改行", "\"'\r改行\"")]
    [InlineData("=HYPERLINK(\"http://example.invalid\",\"x\")", "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"")]
    [InlineData("1=1", "1=1")]
    [InlineData("A-1", "A-1")]
    public void Csv_defuses_fields_that_a_spreadsheet_would_run_as_formulas(string value, string written)
    {
        Assert.Equal(written, ResultsCsv.Field(value));
    }

    [Fact]
    public void Csv_marks_items_that_are_not_final()
    {
        var model = Model(item => item with { IsApproved = false });

        Assert.Equal("未確定", ParseCsv(ResultsCsv.ToText(model))[1][12]);
        Assert.Equal("未確定", ParseCsv(ResultsCsv.ToText(model with { IsFinal = false, Policies = Model(i => i).Policies }))[1][12]);
    }

    // --- results.json -------------------------------------------------------------------------------------------

    [Fact]
    public void Json_has_the_documented_shape_and_keeps_japanese_unescaped()
    {
        var bytes = ResultsJson.ToBytes(TokushimaReportModel.Load());
        var text = Encoding.UTF8.GetString(bytes);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Contains("\"name\": \"徳島市情報化基本計画\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal(["plan", "fiscalYear", "fiscalYearLabel", "final", "scale", "outcomeMarks", "summary", "conclusion", "policies", "kpis"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2020, root.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("令和2年度", root.GetProperty("fiscalYearLabel").GetString());
        Assert.True(root.GetProperty("final").GetBoolean());
        Assert.Equal("徳島市", root.GetProperty("plan").GetProperty("municipality").GetString());
        Assert.Equal(["S", "A", "B", "C"], root.GetProperty("scale").EnumerateArray().Select(g => g.GetProperty("code").GetString()));

        var summary = root.GetProperty("summary");
        Assert.Equal(27, summary.GetProperty("items").GetInt32());
        Assert.Equal(27, summary.GetProperty("rated").GetInt32());
        Assert.Equal(["S:3:11", "A:15:56", "B:9:33", "C:0:0"], summary.GetProperty("grades").EnumerateArray().Select(g => $"{g.GetProperty("code").GetString()}:{g.GetProperty("count").GetInt32()}:{g.GetProperty("percentage").GetInt32()}"));

        var policies = root.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(4, policies.Count);
        Assert.Equal(27, policies.Sum(p => p.GetProperty("items").GetArrayLength()));
        var item = policies[3].GetProperty("items")[0];
        Assert.Equal(["number", "title", "content", "goal", "rating", "selfRating", "result", "improvement", "parts", "kpiTargets", "kpiActuals", "departments", "approved"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("25", item.GetProperty("number").GetString());
        Assert.Equal("情報セキュリティの強化", item.GetProperty("title").GetString());
        Assert.Equal("A", item.GetProperty("rating").GetString());
        Assert.Equal(["監査対象事業数:11", "情報セキュリティ訓練の実施回数:2回"], item.GetProperty("kpiActuals").EnumerateArray().Select(k => $"{k.GetProperty("name").GetString()}:{k.GetProperty("value").GetString()}"));
        Assert.Equal(["総務課", "デジタル推進課（情報推進課）"], item.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));

        var kpi = root.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "コンビニでの証明書交付件数");
        Assert.Equal("12", kpi.GetProperty("itemNumber").GetString());
        Assert.Equal(218.6m, kpi.GetProperty("achievementRate").GetDecimal());
        var value = kpi.GetProperty("values")[0];
        Assert.Equal((2020, "5,900件", 5900m, "12,900件", 12900m), (value.GetProperty("fiscalYear").GetInt32(), value.GetProperty("plannedText").GetString(), value.GetProperty("planned").GetDecimal(), value.GetProperty("actualText").GetString(), value.GetProperty("actual").GetDecimal()));
    }

    [Fact]
    public void Json_escapes_what_html_could_misread_but_not_japanese()
    {
        var model = Model(item => item with { Title = "<script>「取組」&'\"+" });

        var text = ResultsJson.ToText(model);

        Assert.Contains("\\u003Cscript\\u003E「取組」\\u0026\\u0027\\u0022\\u002B", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("<script>「取組」&'\"+", json.RootElement.GetProperty("policies")[0].GetProperty("items")[0].GetProperty("title").GetString());
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private static AnnualReportModel Model(Func<ReportItem, ReportItem> change) => new()
    {
        PlanName = "テスト市情報化計画",
        Municipality = "テスト市",
        FiscalYear = new FiscalYear(2021),
        PlanStartYear = new FiscalYear(2021),
        Grades = SyntheticReportModel.FourGrades,
        Policies =
        [
            new ReportPolicy(1, "方針", [change(new ReportItem
            {
                Number = "1",
                Title = "取組",
                Parts = [new ReportItemPart("課", "実施した。", string.Empty)],
                SelfRating = "A",
                Departments = ["課"],
                IsApproved = true,
            })]),
        ],
        IsFinal = true,
    };

    /// <summary>An RFC 4180 reader, independent of the writer: records of fields.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n', "A line break outside quotes that does not end a record.");
                field.Append(c);
            }
        }

        Assert.Empty(record);
        return records;
    }
}
