using System.Xml.Linq;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Reporting;
using DxTracker.Web.Reporting.Charts;

namespace DxTracker.Tests.Reporting;

public sealed class GradeChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Year_distribution_names_every_grade_with_its_count_and_share()
    {
        var model = TokushimaReportModel.Load();
        var chart = GradeChartSvg.YearDistribution(model, AnnualReportFigures.Compute(model), "dist");

        Assert.Equal("令和2年度の自己評価の分布", chart.Title);
        Assert.Equal("令和2年度の自己評価の分布（取組項目27件）：S 3件（11%）、A 15件（56%）、B 9件（33%）、C 0件（0%）。", chart.Description);
        var svg = XElement.Parse(chart.Svg);
        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal("dist-title dist-desc", svg.Attribute("aria-labelledby")!.Value);
        Assert.Equal(chart.Title, svg.Element(Svg + "title")!.Value);
        Assert.Equal("dist-title", svg.Element(Svg + "title")!.Attribute("id")!.Value);
        Assert.Equal(chart.Description, svg.Element(Svg + "desc")!.Value);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("15件（56%）", texts);
        Assert.Contains("0件（0%）", texts);
        // Three bars: a grade without items has none.
        Assert.Equal(3, svg.Elements(Svg + "rect").Count());
        Assert.Equal([["3件", "11%"], ["15件", "56%"], ["9件", "33%"], ["0件", "0%"]], chart.Table.Rows.Select(r => r.Cells));
        AssertNoInlineStyleOrScript(chart.Svg);
    }

    [Fact]
    public void Policy_stacks_give_each_policys_counts_and_use_a_pattern_per_grade()
    {
        var model = TokushimaReportModel.Load();
        var chart = GradeChartSvg.PolicyStacks(model, AnnualReportFigures.Compute(model), "pol");

        Assert.Equal("取組方針別の自己評価（令和2年度）", chart.Title);
        Assert.Contains("取組方針1 S 0件、A 4件、B 4件、C 0件；取組方針2 S 2件、A 3件、B 2件、C 0件", chart.Description, StringComparison.Ordinal);
        Assert.EndsWith("取組方針4 S 0件、A 2件、B 1件、C 0件。", chart.Description, StringComparison.Ordinal);
        var svg = XElement.Parse(chart.Svg);
        var patterns = svg.Descendants(Svg + "pattern").ToList();
        Assert.Equal(["pol-fill0", "pol-fill1", "pol-fill2", "pol-fill3"], patterns.Select(p => p.Attribute("id")!.Value));
        Assert.Equal(4, patterns.Select(p => p.Elements().Skip(1).Select(e => e.Name.LocalName + e.Attributes().Count()).Aggregate(string.Empty, string.Concat)).Distinct().Count());
        Assert.Equal("#0017c1", patterns[0].Element(Svg + "rect")!.Attribute("fill")!.Value);
        Assert.Equal(["取組方針1「地域課題解決への取組みに向けたICT利活用の促進」", "取組方針2「行政サービスの更なる拡充による市民の利便性向上」", "取組方針3「行政運営の効率化・最適化の推進」", "取組方針4「情報化推進体制の整備」"], chart.Table.Rows.Select(r => r.Header));
        Assert.Equal(["0件", "4件", "4件", "0件", "8件"], chart.Table.Rows[0].Cells);
        AssertNoInlineStyleOrScript(chart.Svg);
    }

    [Fact]
    public void Year_stacks_show_the_earlier_years_and_the_report_year()
    {
        var model = SyntheticReportModel.Create(items: 40, kpisPerItem: 1, years: 3);
        var chart = GradeChartSvg.YearStacks(model, AnnualReportFigures.Compute(model), "yrs");

        Assert.Equal("年度別の自己評価（令和元年度～令和3年度）", chart.Title);
        Assert.Equal("年度別の自己評価（令和元年度～令和3年度）：令和元年度 S 5件、A 20件、B 10件、C 5件；令和2年度 S 5件、A 20件、B 10件、C 5件；令和3年度 S 10件、A 10件、B 10件、C 10件。", chart.Description);
        Assert.Equal(["令和元年度", "令和2年度", "令和3年度"], chart.Table.Rows.Select(r => r.Header));
        var texts = XElement.Parse(chart.Svg).Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("R3", texts);
        Assert.Equal(3, texts.Count(t => t == "40件"));
        AssertNoInlineStyleOrScript(chart.Svg);
    }

    [Fact]
    public void Outcome_marks_are_series_of_their_own_without_a_share()
    {
        var model = SyntheticReportModel.Create(items: 8, kpisPerItem: 0, years: 1);
        model = model with
        {
            OutcomeMarks = [new ReportGrade("完了", string.Empty, "完了した。")],
            Policies = model.Policies.Select((p, i) => i == 0 ? p with { Items = p.Items.Select(item => item with { SelfRating = "完了" }).ToList() } : p).ToList(),
        };
        var figures = AnnualReportFigures.Compute(model);

        var chart = GradeChartSvg.YearDistribution(model, figures, "marks");

        Assert.Contains("完了 2件。", chart.Description, StringComparison.Ordinal);
        Assert.Contains("（取組項目6件）", chart.Description, StringComparison.Ordinal);
        Assert.Equal(["2件", "－"], chart.Table.Rows[^1].Cells);
        Assert.Equal(5, XElement.Parse(chart.Svg).Descendants(Svg + "pattern").Count());
    }

    [Fact]
    public void Names_in_the_model_are_escaped_and_ids_are_checked()
    {
        var model = TokushimaReportModel.Load() with { PolicyLabel = "<script>alert(1)</script>" };
        var figures = AnnualReportFigures.Compute(model);

        var chart = GradeChartSvg.PolicyStacks(model, figures, "safe");

        Assert.DoesNotContain("<script>", chart.Svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", chart.Svg, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GradeChartSvg.YearDistribution(model, figures, "bad id\" onload=\"x"));
        Assert.Throws<ArgumentException>(() => GradeChartSvg.YearDistribution(model, figures, "1abc"));
    }

    [Fact]
    public async Task Component_renders_each_chart_with_a_caption_and_a_hidden_data_table()
    {
        var html = await ReportRendering.RenderAsync<GradeCharts>(new Dictionary<string, object?>
        {
            [nameof(GradeCharts.Model)] = TokushimaReportModel.Load(),
            [nameof(GradeCharts.IdPrefix)] = "r2",
        });

        Assert.Equal(3, Count(html, "<figure "));
        Assert.Equal(3, Count(html, "<svg "));
        Assert.Equal(3, Count(html, "<table class=\"sr-only\">"));
        Assert.Contains("<figcaption id=\"r2-year-caption\" class=\"report-chart-caption\">令和2年度の自己評価の分布</figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("aria-labelledby=\"r2-year-title r2-year-desc\"", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">S</th><td>3件</td><td>11%</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">取組方針</th>", html, StringComparison.Ordinal);
        AssertNoInlineStyleOrScript(html);
    }

    [Fact]
    public async Task Component_renders_nothing_for_an_empty_year()
    {
        var html = await ReportRendering.RenderAsync<GradeCharts>(new Dictionary<string, object?>
        {
            [nameof(GradeCharts.Model)] = TokushimaReportModel.Load() with { Policies = [] },
        });

        Assert.Equal(string.Empty, html.Trim());
    }

    internal static void AssertNoInlineStyleOrScript(string markup)
    {
        Assert.DoesNotContain("style=", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\son[a-z]+=", markup);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
