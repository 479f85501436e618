using System.Text.Json;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Admin.Plans;
using DxTracker.Web.Reporting;

namespace DxTracker.Tests.Admin.Plans;

/// <summary>Reading the 取組実績一覧 sheet into the import format, without a database.</summary>
public sealed class ResultsWorkbookReaderTests
{
    private static readonly WorkbookTarget NewPlan = new("鳴門市", null, new FiscalYear(2019), new FiscalYear(2026), NewPlan: true);

    public static byte[] Tokushima() => AnnualReportWorkbook.Build(TokushimaReportModel.Load()).ToArray();

    private static JsonElement ReadJson(byte[] workbook, WorkbookTarget? target = null)
    {
        var (read, problems) = ResultsWorkbookReader.Read(workbook, target ?? NewPlan);
        Assert.True(read is not null, string.Join("\n", problems));
        return JsonDocument.Parse(read.Json).RootElement;
    }

    [Fact]
    public void The_Tokushima_list_becomes_policies_items_KPIs_and_results_of_its_year()
    {
        var root = ReadJson(Tokushima());

        Assert.Equal("徳島市情報化基本計画", root.GetProperty("plan").GetProperty("name").GetString());
        Assert.Equal(2020, root.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("取組方針", root.GetProperty("plan").GetProperty("labels").GetProperty("policy").GetString());
        Assert.Equal(["S", "A", "B", "C"], root.GetProperty("plan").GetProperty("ratingScale").EnumerateArray().Select(g => g.GetProperty("code").GetString()));
        Assert.StartsWith("全27の取組項目中、", root.GetProperty("summary").GetProperty("conclusion")[0].GetString(), StringComparison.Ordinal);
        var policies = root.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], policies.Select(p => p.GetProperty("number").GetInt32()));
        Assert.Equal(27, policies.Sum(p => p.GetProperty("items").GetArrayLength()));

        var first = policies[0].GetProperty("items")[0];
        Assert.Equal("1", first.GetProperty("number").GetString());
        Assert.Equal("オープンデータの推進", first.GetProperty("title").GetString());
        Assert.StartsWith("(1) オープンデータの公開データ数の拡充を図る。", first.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal("・本市が保有する情報を広く公開することで行政の透明性の確保を図る。\n・オープンデータを活用することにより地域課題の解決につなげる。", first.GetProperty("goal").GetString());
        var kpi = first.GetProperty("kpis")[0];
        Assert.Equal(("公開データセット数", "160", "83"), (kpi.GetProperty("name").GetString(), kpi.GetProperty("target").GetString(), kpi.GetProperty("actual").GetString()));
        Assert.DoesNotContain("【公開データセット数", first.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal("B", first.GetProperty("rating").GetString());
        Assert.Equal(["デジタル推進課（情報推進課）"], first.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public void An_actual_printed_under_another_name_keeps_that_name_as_written()
    {
        var root = ReadJson(Tokushima());

        var tablets = root.GetProperty("policies")[0].GetProperty("items")[7];
        Assert.Equal("8", tablets.GetProperty("number").GetString());
        var kpi = tablets.GetProperty("kpis")[0];
        Assert.Equal(("タブレット端末", "7,625台"), (kpi.GetProperty("name").GetString(), kpi.GetProperty("target").GetString()));
        var actual = kpi.GetProperty("actual");
        Assert.Equal(("17,183台", "GIGAタブレット端末"), (actual.GetProperty("raw").GetString(), actual.GetProperty("nameAsWritten").GetString()));
        Assert.Equal(JsonValueKind.String, tablets.GetProperty("kpis")[1].GetProperty("actual").ValueKind);
    }

    [Fact]
    public void Text_that_looks_like_an_Excel_escape_is_read_back_as_it_was_written()
    {
        var model = SyntheticReportModel.Create(items: 1, kpisPerItem: 0, years: 1);
        const string written = "型番 _x0041_ と _x005F_ と ABC_x1234_\n2行目";
        var item = model.Policies[0].Items[0] with { Parts = [new ReportItemPart("デジタル推進課", written, "改善_x000D_策")] };
        model = model with { Policies = [model.Policies[0] with { Items = [item] }] };

        var read = ReadJson(AnnualReportWorkbook.Build(model).ToArray()).GetProperty("policies")[0].GetProperty("items")[0];

        Assert.Equal(written, read.GetProperty("result").GetString());
        Assert.Equal("改善_x000D_策", read.GetProperty("improvement").GetString());
    }

    [Fact]
    public void An_item_continued_over_several_rows_is_read_as_one()
    {
        var model = SyntheticReportModel.Create(items: 5, kpisPerItem: 1, years: 2);
        var longText = string.Join("\n", Enumerable.Range(1, 45).Select(i => $"({i}) 長い取組実績の{i}行目。"));
        var item = model.Policies[0].Items[0] with { Parts = [new ReportItemPart("デジタル推進課（情報推進課）", longText, "改善策")] };
        model = model with { Policies = [model.Policies[0] with { Items = [item] }, .. model.Policies.Skip(1)] };

        var root = ReadJson(AnnualReportWorkbook.Build(model).ToArray());

        var read = root.GetProperty("policies")[0].GetProperty("items")[0];
        Assert.Equal(longText, read.GetProperty("result").GetString());
        Assert.Equal("改善策", read.GetProperty("improvement").GetString());
        Assert.Equal(5, root.GetProperty("policies").EnumerateArray().Sum(p => p.GetProperty("items").GetArrayLength()));
    }

    [Fact]
    public void A_changed_rating_is_read_as_self_and_final_rating()
    {
        var workbook = WorkbookEdits.SetText(Tokushima(), "取組実績一覧", "E4", "A（自己評価B）");
        var item = ReadJson(workbook).GetProperty("policies")[0].GetProperty("items")[0];
        var evaluation = item.GetProperty("evaluations")[0];
        Assert.Equal(("B", "A"), (evaluation.GetProperty("selfRating").GetString(), evaluation.GetProperty("finalRating").GetString()));
        Assert.False(item.TryGetProperty("rating", out _));
    }

    [Theory]
    [InlineData("E2", null, "取組実績一覧 シートの 2 行目: 「自己評価」の列がありません。")]
    [InlineData(null, "C4:D4", "取組実績一覧 シートの 4 行目 C 列: 結合されたセル（C4:D4）は読み取れません。")]
    [InlineData(null, "B5:B6", "取組実績一覧 シートの 5 行目 B 列: 結合されたセル（B5:B6）は読み取れません。")]
    public void Missing_columns_and_odd_merges_are_named_by_cell(string? clear, string? merge, string expected)
    {
        var workbook = Tokushima();
        if (clear is not null)
        {
            workbook = WorkbookEdits.Clear(workbook, "取組実績一覧", clear);
        }
        if (merge is not null)
        {
            workbook = WorkbookEdits.Merge(workbook, "取組実績一覧", merge);
        }
        var (read, problems) = ResultsWorkbookReader.Read(workbook, NewPlan);
        Assert.Null(read);
        Assert.Contains(problems, p => p.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_numbers_an_unfinished_year_and_a_file_that_is_not_a_workbook_are_refused()
    {
        var duplicate = WorkbookEdits.SetText(Tokushima(), "取組実績一覧", "A5", "1");
        Assert.Contains("取組実績一覧 シートの 5 行目 A 列: No.1 が2回以上あります（最初は 4 行目）。", ResultsWorkbookReader.Read(duplicate, NewPlan).Problems.Select(p => p.ToString()));

        var notFinal = WorkbookEdits.SetText(Tokushima(), "取組実績一覧", "A1", "「徳島市情報化基本計画」の取組実績一覧（令和2年度）【未確定】");
        Assert.Contains(ResultsWorkbookReader.Read(notFinal, NewPlan).Problems, p => p.ToString().StartsWith("取組実績一覧 シートの 1 行目 A 列: この取組実績一覧は確定前", StringComparison.Ordinal));

        var (read, problems) = ResultsWorkbookReader.Read("これは Excel ではありません"u8.ToArray(), NewPlan);
        Assert.Null(read);
        Assert.StartsWith("Excel ファイル（.xlsx）として読み取れません。", Assert.Single(problems).Message, StringComparison.Ordinal);
    }
}
