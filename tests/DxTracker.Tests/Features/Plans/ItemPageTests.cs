using static DxTracker.Tests.Features.Plans.PlanBrowsingFixture;

namespace DxTracker.Tests.Features.Plans;

public sealed class ItemPageTests(PlanBrowsingFixture fixture) : IClassFixture<PlanBrowsingFixture>
{
    private KnownPlan Known => fixture.Plan;

    /// <summary>The item page as the office reads it (drafts included): a viewer reads approved years only (DraftVisibilityTests).</summary>
    private async Task<string> ItemPageAsync(int number, string query = "", string user = "reviewer")
    {
        var client = await fixture.SignedInClientAsync(user);
        return await client.GetStringAsync($"/plans/{Known.PlanId}/items/{Known.ItemId(number)}{query}");
    }

    [Fact]
    public async Task The_item_page_shows_policy_texts_departments_and_lifecycle()
    {
        var html = await ItemPageAsync(1);

        Assert.Contains("取組方針1　地域課題解決への取組み", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"item-number\">No.1</span> オンライン申請の推進</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge badge-active\">実施中</span>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>主管部署</dt>", html, StringComparison.Ordinal);
        Assert.Contains("DX推進課（令和2年度まで：情報政策課）", html, StringComparison.Ordinal);
        Assert.Contains("<dt>関係部署</dt>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>目標</dt>", html, StringComparison.Ordinal);
        Assert.Contains("全手続の50%をオンライン化する。", html, StringComparison.Ordinal);
        Assert.Contains("<dt>目的</dt>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>概要</dt>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>成果目標</dt>", html, StringComparison.Ordinal);
        Assert.StartsWith("段階 － （予定なし） 検討 導入 － （予定なし）", RowText(html, "段階"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multi_line_texts_keep_their_line_breaks_and_are_never_raw_HTML()
    {
        var html = await ItemPageAsync(1);

        // The encoder writes the line break as &#xA;, which the browser reads back as a line break that pre-line keeps.
        Assert.Contains("<dd class=\"whitespace-pre-line\">①申請手続をオンライン化する。&#xA;②&lt;b&gt;太字にならない&lt;/b&gt;こと。</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("オンライン申請を20手続で開始した。\n説明会を3回開催した。", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_KPI_table_shows_texts_as_written_not_measured_and_achievement_rates()
    {
        var html = await ItemPageAsync(1);

        Assert.Contains("指標1　オンライン申請件数", html, StringComparison.Ordinal);
        Assert.Contains("800件（平成30年度）", html, StringComparison.Ordinal);
        Assert.Contains("値が大きいほど良い", html, StringComparison.Ordinal);
        Assert.Contains("値が小さいほど良い", html, StringComparison.Ordinal);
        var rows = KpiRows(html);
        Assert.StartsWith("予定 － （未入力） 1,000件 1,200件 － （未入力）", rows[0], StringComparison.Ordinal);
        Assert.Contains("実績 － （未入力） １，２５０件 未測定", rows[1], StringComparison.Ordinal);
        Assert.Contains("達成率 － （算出できません） 125.0% － （算出できません）", rows[2], StringComparison.Ordinal);
        // Lower is better: planned 10 ÷ actual 8.
        // The name the published report printed beside the value, when it was not the KPI's own.
        Assert.Contains("実績 － （未入力） 8時間 （報告書の表記：平均申請処理時間）", rows[4], StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, "報告書の表記"));
        Assert.Contains("達成率 － （算出できません） 125.0%", rows[5], StringComparison.Ordinal);
        // ▲ as written; the rate of a negative actual against a positive plan.
        Assert.Contains("実績 － （未入力） ▲1.5%", rows[7], StringComparison.Ordinal);
        Assert.Contains("-75.0%", rows[8], StringComparison.Ordinal);
        Assert.Contains("<span class=\"not-measured\">未測定</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluations_show_each_year_with_status_ratings_and_department_names_of_that_year()
    {
        var html = await ItemPageAsync(1);

        var in2021 = html.IndexOf("id=\"evaluation-2021\"", StringComparison.Ordinal);
        var in2020 = html.IndexOf("id=\"evaluation-2020\"", StringComparison.Ordinal);
        Assert.True(in2021 > 0 && in2020 > in2021, "newest year first");
        var year2020 = html[in2020..];
        Assert.Contains("✔ 承認済</span>", year2020, StringComparison.Ordinal);
        Assert.Contains("年度確定", year2020, StringComparison.Ordinal);
        Assert.Contains("<h4>情報政策課</h4>", year2020, StringComparison.Ordinal);
        Assert.Contains("<h4>企画課</h4>", year2020, StringComparison.Ordinal);
        Assert.Contains("<span class=\"grade\">S</span>", year2020, StringComparison.Ordinal);
        var year2021 = html[in2021..in2020];
        Assert.Contains("下書き", year2021, StringComparison.Ordinal);
        Assert.Contains("<h4>DX推進課</h4>", year2021, StringComparison.Ordinal);
        Assert.DoesNotContain("最終評価", year2021, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revised_rating_is_shown_with_its_reason_and_a_returned_one_with_the_comment()
    {
        var revised = await ItemPageAsync(4);
        var returned = await ItemPageAsync(3);

        Assert.Contains("最終評価（見直し後）", revised, StringComparison.Ordinal);
        Assert.Contains("目標を大きく上回ったため。", revised, StringComparison.Ordinal);
        Assert.Contains("差戻しコメント", returned, StringComparison.Ordinal);
        Assert.Contains("数値の根拠を追記してください。", returned, StringComparison.Ordinal);

        // A viewer reads the approved years only: neither the returned year nor its comment.
        var viewer = await ItemPageAsync(3, user: "viewer");
        Assert.DoesNotContain("数値の根拠を追記してください。", viewer, StringComparison.Ordinal);
        Assert.Contains("承認済みの年度だけを表示しています。", viewer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_continued_from_an_earlier_plan_links_to_its_history()
    {
        var html = await ItemPageAsync(1);
        var other = await ItemPageAsync(2);

        Assert.Contains("前計画「テスト市旧情報化計画」の No.3「旧計画のオンライン申請」を引き継いでいます。", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/plans/{Known.PredecessorPlanId}/items/{Known.PredecessorItemId}\"", html, StringComparison.Ordinal);
        Assert.Contains("計画をまたいだ履歴", html, StringComparison.Ordinal);
        Assert.DoesNotContain("計画をまたいだ履歴", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_item_says_so_and_the_way_back_keeps_the_year()
    {
        var html = await ItemPageAsync(27, "?year=2020");

        Assert.Contains("<span class=\"badge badge-inactive\">令和2年度完了</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/plans/{Known.PlanId}?year=2020\">テスト市情報化基本計画</a>", html, StringComparison.Ordinal);
        Assert.Contains("<title>No.27 取組項目27 - テスト市情報化基本計画 - DxTracker</title>", html, StringComparison.Ordinal);
    }

    private static List<string> KpiRows(string html)
    {
        var start = html.IndexOf("id=\"kpi-heading\"", StringComparison.Ordinal);
        return Rows(html[start..html.IndexOf("id=\"evaluations-heading\"", StringComparison.Ordinal)]);
    }

    private static List<string> Rows(string section)
    {
        var rows = new List<string>();
        var index = 0;
        while ((index = section.IndexOf("<tr>", index, StringComparison.Ordinal)) >= 0)
        {
            var end = section.IndexOf("</tr>", index, StringComparison.Ordinal);
            var text = System.Text.RegularExpressions.Regex.Replace(section[index..end], "<[^>]+>", " ");
            text = System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ").Trim();
            if (!text.StartsWith("区分", StringComparison.Ordinal))
            {
                rows.Add(System.Net.WebUtility.HtmlDecode(text));
            }
            index = end;
        }
        return rows;
    }
}
