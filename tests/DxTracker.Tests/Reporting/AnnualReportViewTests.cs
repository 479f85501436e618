using System.Text.RegularExpressions;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Reporting;

namespace DxTracker.Tests.Reporting;

public sealed partial class AnnualReportViewTests
{
    [Fact]
    public async Task Preview_shows_the_title_grade_table_conclusion_list_counts_and_kpis()
    {
        var html = await RenderAsync(TokushimaReportModel.Load());

        Assert.Contains("<h1 id=\"annual-report-title\">「徳島市情報化基本計画」の取組実績（令和2年度）</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("未確定", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" class=\"text-center\">S</th><td>目標や計画を上回る達成状況であった。</td><td class=\"text-right\">3</td><td class=\"text-right\">11%</td>", Compact(html), StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" class=\"text-center\">合計</th><td></td><td class=\"text-right\">27</td><td class=\"text-right\">100%</td>", Compact(html), StringComparison.Ordinal);
        Assert.Contains("<p class=\"mb-3\">そこで、これらを踏まえて担当部署とも連携を図りながら、課題や問題点を洗い出し、改善策を講じていく。</p>", html, StringComparison.Ordinal);

        // The list: one tbody per policy (line breaks are encoded as &#xA; and shown by whitespace-pre-line), headed by the policy row, then its items in order.
        var bodies = TbodyPattern().Matches(ListTable(html)).Select(m => m.Value).ToList();
        Assert.Equal(4, bodies.Count);
        Assert.Contains("<th scope=\"rowgroup\" colspan=\"7\">取組方針1「地域課題解決への取組みに向けたICT利活用の促進」</th>", bodies[0], StringComparison.Ordinal);
        Assert.Equal([8, 7, 9, 3], bodies.Select(b => RowHeaderPattern().Count(b)));
        Assert.Contains("<td class=\"whitespace-pre-line\">(1) オープンデータの公開データ数の拡充を図る。&#xA;(2)", bodies[0], StringComparison.Ordinal);
        Assert.Contains("【公開データセット数：83】</td>", bodies[0], StringComparison.Ordinal);
        Assert.Contains("<td>デジタル推進課（情報推進課）、住宅課</td>", bodies[0], StringComparison.Ordinal);

        Assert.Contains("<th scope=\"row\">取組方針2「行政サービスの更なる拡充による市民の利便性向上」</th><td class=\"text-right\">7</td><td class=\"text-right\">2</td><td class=\"text-right\">3</td><td class=\"text-right\">2</td><td class=\"text-right\">0</td>", Compact(html), StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">コンビニでの証明書交付件数</th><td class=\"text-center\">件</td><td class=\"text-right\"></td><td class=\"text-right\"></td><td class=\"text-right\"></td><td class=\"text-right\">5,900件</td><td class=\"text-right\">12,900件</td><td class=\"text-right\">218.6%</td>", Compact(html), StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "<figure "));
    }

    [Fact]
    public async Task Preview_is_accessible_markup_headings_in_order_captions_scopes_and_no_inline_style()
    {
        var html = await RenderAsync(TokushimaReportModel.Load());

        var levels = HeadingPattern().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(1, levels[0]);
        Assert.Equal(1, levels.Count(l => l == 1));
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} followed by h{pair.Second}"));

        var tables = Regex.Count(html, "<table[^>]*>");
        Assert.Equal(tables, Regex.Count(html, "<caption>"));
        Assert.Equal(Regex.Count(html, "<th[ >]"), Regex.Count(html, "<th scope=\"(col|row|colgroup|rowgroup)\""));
        var ids = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (Match reference in Regex.Matches(html, "aria-labelledby=\"([^\"]+)\""))
        {
            Assert.All(reference.Groups[1].Value.Split(' '), id => Assert.Contains(id, ids));
        }

        GradeChartsTests.AssertNoInlineStyleOrScript(html);
    }

    [Fact]
    public async Task Preview_of_an_open_year_says_it_is_not_final_and_marks_unapproved_ratings()
    {
        var model = TokushimaReportModel.Load();
        model = model with
        {
            IsFinal = false,
            Policies = [model.Policies[0] with { Items = [model.Policies[0].Items[0] with { IsApproved = false, FinalRating = "C", FinalRatingReason = "内部の理由" }] }],
        };

        var html = await RenderAsync(model);

        Assert.Contains("取組実績（令和2年度）【未確定】</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"banner-title\">未確定</p>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"whitespace-pre-line text-center\">C（自己評価B）&#xA;【未確定】</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("内部の理由", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_of_an_empty_year_says_there_are_no_results_yet()
    {
        var html = await RenderAsync(TokushimaReportModel.Load() with { Policies = [], Kpis = [] });

        Assert.Contains(AnnualReportText.EmptyYearMessage, html, StringComparison.Ordinal);
        Assert.Contains("この年度の評価指標はありません。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Texts_from_the_model_are_encoded()
    {
        var model = TokushimaReportModel.Load();
        model = model with { Policies = [model.Policies[0] with { Title = "<img src=x onerror=alert(1)>" }] };

        var html = await RenderAsync(model);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    private static Task<string> RenderAsync(AnnualReportModel model) =>
        ReportRendering.RenderAsync<AnnualReportView>(new Dictionary<string, object?> { [nameof(AnnualReportView.Model)] = model });

    private static string ListTable(string html)
    {
        var start = html.IndexOf("<table class=\"data-table report-table report-list\">", StringComparison.Ordinal);
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    /// <summary>Markup without the whitespace between tags.</summary>
    private static string Compact(string html) => BetweenTagsPattern().Replace(html, "><");

    [GeneratedRegex("<tbody>.*?</tbody>", RegexOptions.Singleline)]
    private static partial Regex TbodyPattern();

    [GeneratedRegex("<th scope=\"row\">")]
    private static partial Regex RowHeaderPattern();

    [GeneratedRegex("<h([1-6])[ >]")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTagsPattern();
}
