using System.Text.Json;
using DocumentFormat.OpenXml.Spreadsheet;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Reporting;
using DxTracker.Web.Reporting.Xlsx;

namespace DxTracker.Tests.Reporting;

public sealed class AnnualReportWorkbookTests
{
    private const string Summary = AnnualReportWorkbook.SummarySheetName;
    private const string List = AnnualReportWorkbook.ListSheetName;
    private const string Kpis = AnnualReportWorkbook.KpiSheetName;
    private const string Policies = "取組方針別集計";

    private static readonly string[] FormulaColumns = ["B", "D", "F", "G"];

    // --- The Tokushima report -----------------------------------------------------------------------------------

    [Fact]
    public void Tokushima_summary_sheet_has_the_published_counts_and_shares()
    {
        using var book = Build(TokushimaReportModel.Load());

        Assert.Equal([Summary, List, Policies, Kpis], book.SheetNames);
        Assert.Equal("「徳島市情報化基本計画」の取組実績（令和2年度）", book.Text(Summary, "A1"));
        var header = book.Of(Summary).Single(c => c.Value == "自己評価");
        var rows = book.Of(Summary).Where(c => c.Row > header.Row && c.Row <= header.Row + 5).GroupBy(c => c.Row)
            .Select(r => string.Join(" ", r.OrderBy(c => c.Column, StringComparer.Ordinal).Where(c => c.Column != "B").Select(Show)))
            .ToList();

        Assert.Equal(["S 3 11%", "A 15 56%", "B 9 33%", "C 0 0%", "合計 27 100%"], rows);
        Assert.Equal(["自己評価", "定義", "取組項目数", "割合"], book.Of(Summary).Where(c => c.Row == header.Row).Select(c => c.Value));
        Assert.Equal("目標や計画を大幅に下回る達成状況であった（又は未実施）。", book.Text(Summary, "B" + (header.Row + 4)));
        // Half-up shares that add up to 100: no note.
        Assert.DoesNotContain(book.Cells, c => c.Value == AnnualReportText.RoundingNote);

        var conclusion = book.Of(Summary).SkipWhile(c => c.Value != "2 総括").Skip(1).Select(c => c.Value).ToList();
        using var json = TokushimaReportModel.LoadJson();
        Assert.Equal(json.RootElement.GetProperty("summary").GetProperty("conclusion").EnumerateArray().Select(p => p.GetString()), conclusion);
        Assert.Equal(
            "令和2年度における、27の取組項目の目標や計画に対する取組実績について、「S」～「C」の4段階で自己評価を行った結果は、次のとおりであった。",
            book.Text(Summary, "A" + (header.Row - 1)));
    }

    [Fact]
    public void Tokushima_list_sheet_has_27_items_under_4_policies_in_document_order_with_the_published_texts()
    {
        using var book = Build(TokushimaReportModel.Load());
        using var json = TokushimaReportModel.LoadJson();

        Assert.Equal("「徳島市情報化基本計画」の取組実績一覧（令和2年度）", book.Text(List, "A1"));
        Assert.Equal(["No", "取組項目", "取組内容／目標", "取組実績", "自己評価", "改善・拡充策、課題等", "担当部署"], book.Of(List).Where(c => c.Row == 2).Select(c => c.Value));

        var policyRows = book.Of(List).Where(c => c.Column == "A" && c.Value.StartsWith("取組方針", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            json.RootElement.GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("raw").GetString()),
            policyRows.Select(c => c.Value));

        var items = ListItems(book);
        var expected = json.RootElement.GetProperty("policies").EnumerateArray()
            .SelectMany(p => p.GetProperty("items").EnumerateArray().Select(i => (Policy: p.GetProperty("number").GetInt32(), Item: i)))
            .ToList();
        Assert.Equal(27, items.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (policy, item) = expected[i];
            var row = items[i];
            Assert.Equal(item.GetProperty("number").GetInt32(), (int)row.Number);
            Assert.Equal(policy, policyRows.Count(p => p.Row < row.Row));
            Assert.Equal(item.GetProperty("title").GetString(), row.Title);
            var kpis = item.GetProperty("kpis").EnumerateArray().ToList();
            var content = JsonText(item, "content") + "\n【目標】\n" + JsonText(item, "goal")
                + string.Concat(kpis.Select(k => "\n" + k.GetProperty("target").GetProperty("bracketRaw").GetString()));
            Assert.Equal(content, row.Content);
            // The published words, with each department's part on its own line (the file ran two parts together on
            // one line in items 12 and 18), and the KPI lines exactly as published (item 8's result named its
            // indicator 「GIGAタブレット端末」).
            var result = OwnLines(JsonText(item, "result")) + string.Concat(kpis.Select(k => "\n" + k.GetProperty("actual").GetProperty("bracketRaw").GetString()));
            Assert.Equal(result, row.Result);
            Assert.Equal(item.GetProperty("rating").GetString(), row.Rating);
            Assert.Equal(OwnLines(JsonText(item, "improvement")), row.Improvement);
            var departments = item.GetProperty("departments").EnumerateArray()
                .Select(d => d.GetProperty("name").GetString() + (d.GetProperty("formerName").GetString() is { } former ? $"（{former}）" : string.Empty));
            Assert.Equal(string.Join("、", departments), row.Departments);
        }
    }

    [Fact]
    public void Tokushima_workbook_is_valid_open_xml_and_prints_on_a4_landscape_with_page_numbers()
    {
        using var book = Build(TokushimaReportModel.Load());

        Assert.Empty(book.ValidationErrors());
        foreach (var sheet in book.SheetNames)
        {
            var worksheet = book.Worksheet(sheet);
            var setup = worksheet.Descendants<PageSetup>().Single();
            Assert.Equal(9u, setup.PaperSize!.Value);
            Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
            Assert.Equal(1u, setup.FitToWidth!.Value);
            Assert.Equal("&C- &P -", worksheet.Descendants<OddFooter>().Single().Text);
            Assert.Empty(worksheet.Descendants<CellFormula>());
        }

        var printTitles = book.Raw.Workbook.DefinedNames!.Elements<DefinedName>().ToDictionary(d => d.LocalSheetId!.Value, d => d.Text);
        Assert.Equal("'取組実績一覧'!$2:$2", printTitles[1]);
        Assert.Equal("'取組方針別集計'!$2:$2", printTitles[2]);
        Assert.Equal("'評価指標'!$2:$3", printTitles[3]);
        Assert.Equal("A3", book.Worksheet(List).Descendants<Pane>().Single().TopLeftCell!.Value);

        // Every policy after the first starts a page.
        var breaks = book.Worksheet(List).Descendants<Break>().Select(b => (int)b.Id!.Value + 1).ToList();
        var policyRows = book.Of(List).Where(c => c.Column == "A" && c.Value.StartsWith("取組方針", StringComparison.Ordinal)).Select(c => c.Row).ToList();
        Assert.Equal(policyRows.Skip(1), breaks);

        // No row is taller than Excel allows.
        Assert.All(book.Worksheet(List).Descendants<Row>(), r => Assert.True(r.Height is null || r.Height.Value <= XlsxRow.MaxHeight));
    }

    [Fact]
    public void Tokushima_policy_and_kpi_sheets_count_and_list_what_the_report_says()
    {
        using var book = Build(TokushimaReportModel.Load());

        string Line(int row) => string.Join(" ", book.Of(Policies).Where(c => c.Row == row).Select(Show));
        Assert.Equal("取組方針 取組項目数 S A B C", Line(2));
        Assert.Equal("取組方針1「地域課題解決への取組みに向けたICT利活用の促進」 8 0 4 4 0", Line(3));
        Assert.Equal("取組方針2「行政サービスの更なる拡充による市民の利便性向上」 7 2 3 2 0", Line(4));
        Assert.Equal("取組方針3「行政運営の効率化・最適化の推進」 9 1 6 2 0", Line(5));
        Assert.Equal("取組方針4「情報化推進体制の整備」 3 0 2 1 0", Line(6));
        Assert.Equal("合計 27 3 15 9 0", Line(7));
        Assert.Equal("割合 11% 56% 33% 0%", Line(8));

        Assert.Equal(["No", "取組項目", "評価指標", "単位", "基準値", "令和元年度", "令和2年度", "達成率\n（令和2年度）"], book.Of(Kpis).Where(c => c.Row == 2).Select(c => c.Value));
        Assert.Equal(["予定", "実績", "予定", "実績"], book.Of(Kpis).Where(c => c.Row == 3).Select(c => c.Value));
        var convenience = book.Of(Kpis).Single(c => c.Value == "コンビニでの証明書交付件数").Row;
        Assert.Equal("12 マイナンバーカードの普及促進 コンビニでの証明書交付件数 件 5,900件 12,900件 218.6%", string.Join(" ", book.Of(Kpis).Where(c => c.Row == convenience).Select(Show)));
        Assert.Equal(15, book.Of(Kpis).Count(c => c.Column == "C" && c.Row > 3));
    }

    /// <summary>Every cell of the Tokushima workbook against the reviewed file in Golden/ (see <see cref="GoldenCells"/>).</summary>
    [Fact]
    public void Tokushima_workbook_matches_the_golden_cells()
    {
        using var book = Build(TokushimaReportModel.Load());
        GoldenCells.AssertMatches(book, "tokushima-r2.cells.txt");
    }

    // --- Texts that must stay text ------------------------------------------------------------------------------

    [Fact]
    public void Formula_like_results_stay_literal_text()
    {
        var model = OneItem(item => item with
        {
            Title = "=1+1",
            Parts = [new ReportItemPart("情報政策課", "=1+1", "@SUM(A1)")],
            Departments = ["+81-3-1234-5678"],
        });

        using var book = Build(model);

        var row = book.Of(List).Single(c => c.Column == "B" && c.Row > 3).Row;
        Assert.Equal("=1+1", book.Text(List, "B" + row));
        Assert.Equal("=1+1", book.Text(List, "D" + row));
        Assert.Equal("@SUM(A1)", book.Text(List, "F" + row));
        Assert.Equal("+81-3-1234-5678", book.Text(List, "G" + row));
        Assert.All(FormulaColumns, column =>
        {
            Assert.Equal("s", book.At(List, column + row)!.Type);
            Assert.True(book.FormatOf(List, column + row).QuotePrefix!.Value);
        });
        Assert.Empty(book.Worksheet(List).Descendants<CellFormula>());
        Assert.Empty(book.ValidationErrors());
    }

    [Fact]
    public void Characters_xml_cannot_hold_are_removed()
    {
        var model = OneItem(item => item with
        {
            Title = "制御\u0001文字",
            Parts = [new ReportItemPart("情報政策課", "a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uD800h\tI\r\nJ", string.Empty)],
        }) with
        { Conclusion = "総括\u0002です。" };

        using var book = Build(model);

        var row = book.Of(List).Single(c => c.Column == "B" && c.Row > 3).Row;
        Assert.Equal("制御文字", book.Text(List, "B" + row));
        Assert.Equal("abcdefgh\tI\nJ", book.Text(List, "D" + row));
        Assert.Contains(book.Of(Summary), c => c.Value == "総括です。");
        Assert.Empty(book.ValidationErrors());
    }

    [Fact]
    public void A_text_of_20000_characters_is_continued_over_rows_that_excel_can_show()
    {
        var paragraph = string.Concat(Enumerable.Repeat("市民の利便性の向上と業務の効率化を図るため、関係部署と連携して取組を進めた。", 20));
        var text = string.Join("\n", Enumerable.Repeat(paragraph, 30))[..20_000];
        var model = OneItem(item => item with { Parts = [new ReportItemPart("情報政策課", text, "短い課題。")] });

        using var book = Build(model);

        Assert.Empty(book.ValidationErrors());
        var first = book.Of(List).Single(c => c.Column == "A" && c.Row > 3).Row;
        var pieces = book.Of(List).Where(c => c.Column == "D" && c.Row >= first).OrderBy(c => c.Row).ToList();
        Assert.True(pieces.Count > 10, $"{pieces.Count} rows");
        Assert.Equal(text.Replace("\n", string.Empty, StringComparison.Ordinal), string.Concat(pieces.Select(p => p.Value)).Replace("\n", string.Empty, StringComparison.Ordinal));
        Assert.All(pieces, p => Assert.True(XlsxRow.EstimateLineCount(p.Value, 50) <= AnnualReportWorkbook.MaxLinesPerRow));

        var last = pieces[^1].Row;
        Assert.Contains($"A{first}:A{last}", book.MergedRanges(List));
        Assert.Contains($"B{first}:B{last}", book.MergedRanges(List));
        Assert.Contains($"E{first}:E{last}", book.MergedRanges(List));
        Assert.Contains($"G{first}:G{last}", book.MergedRanges(List));
        Assert.Equal("短い課題。", book.Text(List, "F" + first));
        Assert.All(book.Worksheet(List).Descendants<Row>(), r => Assert.True(r.Height is null || r.Height.Value <= XlsxRow.MaxHeight));
        Assert.True(book.FormatOf(List, "D" + first).Alignment!.WrapText!.Value);
    }

    [Fact]
    public void A_long_paragraph_is_cut_after_a_sentence_and_paragraphs_stay_whole_where_they_fit()
    {
        var sentence = "一文がここで終わる。";
        var longParagraph = string.Concat(Enumerable.Repeat(sentence, 60));
        var pieces = AnnualReportWorkbook.SplitForRows("短い段落\n" + longParagraph + "\n最後の段落", 50, 20);

        Assert.True(pieces.Count >= 2);
        Assert.All(pieces, p => Assert.True(XlsxRow.EstimateLineCount(p, 50) <= 20));
        Assert.All(pieces.SkipLast(1), p => Assert.EndsWith("。", p, StringComparison.Ordinal));
        Assert.StartsWith("短い段落\n", pieces[0], StringComparison.Ordinal);
        Assert.EndsWith("\n最後の段落", pieces[^1], StringComparison.Ordinal);
        Assert.Equal(["短い"], AnnualReportWorkbook.SplitForRows("短い", 50, 20));
        Assert.Equal([string.Empty], AnnualReportWorkbook.SplitForRows(null, 50, 20));
    }

    // --- Years, workflow and scales -----------------------------------------------------------------------------

    [Fact]
    public void A_year_without_items_gives_a_valid_workbook_that_says_so()
    {
        var model = TokushimaReportModel.Load() with { Policies = [], Kpis = [], Conclusion = string.Empty };

        using var book = Build(model);

        Assert.Empty(book.ValidationErrors());
        Assert.Contains(book.Of(Summary), c => c.Value == AnnualReportText.EmptyYearMessage);
        Assert.Contains(book.Of(List), c => c.Value == AnnualReportText.EmptyYearMessage);
        Assert.Contains(book.Of(Policies), c => c.Value == AnnualReportText.EmptyYearMessage);
        Assert.Contains(book.Of(Kpis), c => c.Value == "この年度の評価指標はありません。");
    }

    [Fact]
    public void A_year_whose_items_are_not_evaluated_yet_is_the_empty_report()
    {
        var model = TokushimaReportModel.Load();
        model = model with
        {
            IsFinal = false,
            Policies = model.Policies.Select(p => p with { Items = p.Items.Select(i => i with { SelfRating = null, Parts = [], IsApproved = false }).ToList() }).ToList(),
        };

        using var book = Build(model);

        Assert.Empty(book.ValidationErrors());
        Assert.Equal("「徳島市情報化基本計画」の取組実績（令和2年度）【未確定】", book.Text(Summary, "A1"));
        Assert.Contains(book.Of(Summary), c => c.Value == AnnualReportText.EmptyYearMessage);
        Assert.DoesNotContain(book.Of(Summary), c => c.Value == "自己評価");
    }

    [Fact]
    public void Unapproved_items_and_an_open_year_are_marked_not_final()
    {
        var model = OneItem(item => item with { SelfRating = "A", IsApproved = false }) with { IsFinal = false };
        model = model with
        {
            Policies = [model.Policies[0] with { Items = [.. model.Policies[0].Items, model.Policies[0].Items[0] with { Number = "2", SelfRating = null }] }],
        };

        using var book = Build(model);

        Assert.All(book.SheetNames, sheet => Assert.EndsWith("【未確定】", book.Text(sheet, "A1"), StringComparison.Ordinal));
        var rows = book.Of(List).Where(c => c.Column == "E" && c.Row > 3).Select(c => c.Value).ToList();
        Assert.Equal(["A\n【未確定】", "【未確定】"], rows);
        Assert.Contains(book.Of(Summary), c => c.Value == "※自己評価が未入力の取組項目が1件あります（合計と割合に含めていません）。");
        Assert.Equal("未評価", book.Of(Policies).Last(c => c.Row == 2).Value);
    }

    [Fact]
    public void A_rating_changed_by_the_reviewer_shows_both_and_counts_the_final_one()
    {
        var model = OneItem(item => item with { SelfRating = "A", FinalRating = "B", FinalRatingReason = "指標が未達のため。" });

        using var book = Build(model);

        Assert.Contains(book.Of(List), c => c.Column == "E" && c.Value == "B（自己評価A）");
        Assert.Equal("合計 1 0 0 1 0", string.Join(" ", book.Of(Policies).Where(c => c.Row == 4).Select(Show)));
        Assert.DoesNotContain(book.Cells, c => c.Value.Contains("指標が未達", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_departments_each_get_their_text_with_their_name()
    {
        var model = OneItem(item => item with
        {
            Parts =
            [
                new ReportItemPart("デジタル推進課（情報推進課）", "調査を実施した。", string.Empty),
                new ReportItemPart("住宅課", "現地調査を実施した。", "利用課を増やす。"),
            ],
            KpiActuals = [new ReportKpiLine("調査件数", "12件")],
            Departments = ["デジタル推進課（情報推進課）", "住宅課"],
        });

        using var book = Build(model);

        var row = book.Of(List).Single(c => c.Column == "B" && c.Row > 3).Row;
        Assert.Equal("調査を実施した。（デジタル推進課（情報推進課））\n現地調査を実施した。（住宅課）\n【調査件数：12件】", book.Text(List, "D" + row));
        Assert.Equal("利用課を増やす。（住宅課）", book.Text(List, "F" + row));
        Assert.Equal("デジタル推進課（情報推進課）、住宅課", book.Text(List, "G" + row));
    }

    [Fact]
    public void A_text_that_already_ends_with_its_departments_name_gets_no_second_one()
    {
        var model = OneItem(item => item with
        {
            Parts =
            [
                new ReportItemPart("デジタル推進課（情報推進課）", "調査を実施した。 (情報推進課)", "続ける。（デジタル推進課）") { OtherNames = ["情報推進課", "デジタル推進課"] },
                new ReportItemPart("住宅課", "現地調査を実施した。（住宅課）\n", "利用課を増やす（予定）。（住宅課 ）"),
            ],
            Departments = ["デジタル推進課（情報推進課）", "住宅課"],
        });

        using var book = Build(model);

        var row = book.Of(List).Single(c => c.Column == "B" && c.Row > 3).Row;
        Assert.Equal("調査を実施した。 (情報推進課)\n現地調査を実施した。（住宅課）", book.Text(List, "D" + row));
        Assert.Equal("続ける。（デジタル推進課）\n利用課を増やす（予定）。（住宅課 ）", book.Text(List, "F" + row));
    }

    [Fact]
    public void Texts_imported_as_published_are_printed_as_they_are()
    {
        // Tokushima's item 15: a shared item whose published text names no department stays without names.
        var model = OneItem(item => item with
        {
            Parts = [new ReportItemPart("交通局", "スマホ定期券を導入した。", "利用促進を図る。"), new ReportItemPart("地域交通課", string.Empty, string.Empty)],
            Departments = ["交通局", "地域交通課"],
            TextsAsPublished = true,
        });

        using var book = Build(model);

        var row = book.Of(List).Single(c => c.Column == "B" && c.Row > 3).Row;
        Assert.Equal("スマホ定期券を導入した。", book.Text(List, "D" + row));
        Assert.Equal("利用促進を図る。", book.Text(List, "F" + row));
        Assert.Equal("交通局、地域交通課", book.Text(List, "G" + row));
    }

    [Fact]
    public void A_scale_of_five_grades_with_outcome_marks_is_followed_everywhere()
    {
        ReportGrade[] grades = [new("◎", "順調", "計画以上に進んだ。"), new("○", "概ね順調", "計画どおり進んだ。"), new("△", "やや遅れ", "一部遅れた。"), new("▲", "遅れ", "大きく遅れた。"), new("×", "未着手", "着手していない。")];
        ReportGrade[] marks = [new("完了", string.Empty, "年度内に完了した。"), new("廃止", string.Empty, "年度内に廃止・中止した。")];
        string?[] ratings = ["◎", "○", "○", "△", "▲", "×", "完了", "廃止", "完了", null];
        var items = ratings.Select((r, i) => Item((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) with { SelfRating = r }).ToList();
        var model = Model([new ReportPolicy(1, "方針", items[..5]), new ReportPolicy(2, "方針二", items[5..])]) with
        {
            PolicyLabel = "基本方針",
            ItemLabel = "施策",
            Grades = grades,
            OutcomeMarks = marks,
        };

        using var book = Build(model);

        Assert.Empty(book.ValidationErrors());
        Assert.Equal([Summary, List, "基本方針別集計", Kpis], book.SheetNames);
        var header = book.Of(Summary).Single(c => c.Value == "自己評価").Row;
        string SummaryLine(int row) => string.Join(" ", book.Of(Summary).Where(c => c.Row == row && c.Column != "B").Select(Show));
        Assert.Equal("自己評価 施策数 割合", SummaryLine(header));
        Assert.Equal("◎（順調） 1 17%", SummaryLine(header + 1));
        Assert.Equal("○（概ね順調） 2 33%", SummaryLine(header + 2));
        Assert.Equal("△（やや遅れ） 1 17%", SummaryLine(header + 3));
        Assert.Equal("▲（遅れ） 1 17%", SummaryLine(header + 4));
        Assert.Equal("×（未着手） 1 17%", SummaryLine(header + 5));
        Assert.Equal("合計 6 101%", SummaryLine(header + 6));
        Assert.Equal(AnnualReportText.RoundingNote, book.Text(Summary, "A" + (header + 7)));
        Assert.Contains(book.Of(Summary), c => c.Value.Contains("6の施策の目標や計画に対する取組実績について、「◎」～「×」の5段階", StringComparison.Ordinal));
        var marksHeader = book.Of(Summary).Single(c => c.Value == "区分").Row;
        Assert.Equal("完了 2", SummaryLine(marksHeader + 1));
        Assert.Equal("廃止 1", SummaryLine(marksHeader + 2));

        string PolicyLine(int row) => string.Join(" ", book.Of("基本方針別集計").Where(c => c.Row == row).Select(Show));
        Assert.Equal("基本方針 施策数 ◎ ○ △ ▲ × 完了 廃止 未評価", PolicyLine(2));
        Assert.Equal("基本方針1「方針」 5 1 2 1 1 0 0 0 0", PolicyLine(3));
        Assert.Equal("基本方針2「方針二」 5 0 0 0 0 1 2 1 1", PolicyLine(4));
        Assert.Equal("合計 10 1 2 1 1 1 2 1 1", PolicyLine(5));
        Assert.Equal("割合 17% 33% 17% 17% 17%", PolicyLine(6));
        Assert.Contains(book.Of(List), c => c.Value == "基本方針2「方針二」");
    }

    [Fact]
    public void Largest_remainder_rounding_gives_shares_that_add_up_to_100()
    {
        string[] ratings = ["S", "A", "A", "B", "B", "C"];
        var items = ratings.Select((r, i) => Item((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) with { SelfRating = r }).ToList();
        var model = Model([new ReportPolicy(1, "方針", items)]) with { Rounding = PercentageRounding.LargestRemainder };

        using var book = Build(model);

        var header = book.Of(Summary).Single(c => c.Value == "自己評価").Row;
        var shares = book.Of(Summary).Where(c => c.Column == "D" && c.Row > header && c.Row <= header + 5).Select(Show).ToList();
        Assert.Equal(["17%", "33%", "33%", "17%", "100%"], shares);
        Assert.DoesNotContain(book.Cells, c => c.Value == AnnualReportText.RoundingNote);
    }

    [Fact]
    public void Kpi_sheet_shows_every_plan_year_up_to_the_report_year_with_the_texts_as_written()
    {
        var model = SyntheticReportModel.Create(items: 5, kpisPerItem: 2, years: 3);

        using var book = Build(model);

        Assert.Equal(["令和元年度", "令和2年度", "令和3年度"], book.Of(Kpis).Where(c => c.Row == 2 && c.Value.EndsWith("年度", StringComparison.Ordinal)).Select(c => c.Value));
        var first = book.Of(Kpis).Where(c => c.Row == 4).Select(Show).ToList();
        Assert.Equal(["1", "取組項目1の推進（デジタル化による業務改善）", "指標1-1の件数", "件", "1,000件\n（平成30年度）", "1,010件", "1,010件", "1,130件", "1,120件", "1,250件", "1,230件", "98.4%"], first);
        Assert.Equal(10, book.Of(Kpis).Count(c => c.Column == "C" && c.Row > 3));
    }

    [Fact]
    public void Ratings_outside_the_scale_are_refused_with_a_message_naming_them()
    {
        var model = OneItem(item => item with { SelfRating = "Z" });

        var error = Assert.Throws<DomainRuleException>(() => AnnualReportWorkbook.Build(model));
        Assert.Contains("Z", error.Message, StringComparison.Ordinal);
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private sealed record ListItem(int Row, decimal Number, string Title, string Content, string Result, string Rating, string Improvement, string Departments);

    /// <summary>The items of the list with the texts of rows continued below them joined again.</summary>
    private static List<ListItem> ListItems(WorkbookCells book)
    {
        var numbered = book.Of(List).Where(c => c.Column == "A" && c.Type == "n").ToList();
        var ends = numbered.Skip(1).Select(c => c.Row).Append(int.MaxValue).ToList();
        return numbered.Select((c, i) =>
        {
            string Joined(string column) => string.Join("\n", book.Of(List).Where(x => x.Column == column && x.Row >= c.Row && x.Row < ends[i]).Select(x => x.Value));
            return new ListItem(c.Row, c.Number, Joined("B"), Joined("C"), Joined("D"), Joined("E"), Joined("F"), Joined("G"));
        }).ToList();
    }

    private static WorkbookCells Build(AnnualReportModel model) => new(AnnualReportWorkbook.Build(model).ToArray());

    private static string Show(WorkbookCell cell) => cell.Shown;

    private static string OwnLines(string published) =>
        published.Replace("(住民課) (2)", "(住民課)\n(2)", StringComparison.Ordinal).Replace("(情報推進課) (2)", "(情報推進課)\n(2)", StringComparison.Ordinal);

    private static string JsonText(JsonElement item, string name) =>
        item.GetProperty(name).ValueKind == JsonValueKind.String ? item.GetProperty(name).GetString()! : string.Empty;

    private static ReportItem Item(string number) => new()
    {
        Number = number,
        Title = "取組" + number,
        Content = "内容",
        Goal = "目標",
        Parts = [new ReportItemPart("情報政策課", "実施した。", "続ける。")],
        SelfRating = "A",
        Departments = ["情報政策課"],
        IsApproved = true,
    };

    private static AnnualReportModel Model(IReadOnlyList<ReportPolicy> policies) => new()
    {
        PlanName = "テスト市情報化計画",
        Municipality = "テスト市",
        FiscalYear = new FiscalYear(2021),
        PlanStartYear = new FiscalYear(2020),
        Grades = SyntheticReportModel.FourGrades,
        Conclusion = "総括です。",
        Policies = policies,
        IsFinal = true,
    };

    private static AnnualReportModel OneItem(Func<ReportItem, ReportItem> change) =>
        Model([new ReportPolicy(1, "市民サービスの向上", [change(Item("1"))])]);
}
