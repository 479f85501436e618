using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Features.Plans;
using static DxTracker.Tests.Features.Plans.PlanBrowsingFixture;

namespace DxTracker.Tests.Features.Plans;

public sealed class PlanPagesTests(PlanBrowsingFixture fixture) : IClassFixture<PlanBrowsingFixture>
{
    private KnownPlan Known => fixture.Plan;

    private string PlanUrl => $"/plans/{Known.PlanId}";

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var client = fixture.Factory.CreateBrowserLikeClient();

        var response = await client.GetAsync(PlanUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", FormPost(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plans_list_shows_period_item_count_and_the_current_year()
    {
        var client = await fixture.SignedInClientAsync();

        var html = await client.GetStringAsync("/plans");

        Assert.Matches("<h1[^>]*>計画一覧</h1>", html);
        var row = RowText(html, KnownPlan.Name);
        Assert.Contains("テスト市", row, StringComparison.Ordinal);
        Assert.Contains("令和元年度～令和8年度", row, StringComparison.Ordinal);
        Assert.Contains(" 27 ", row, StringComparison.Ordinal);
        Assert.Contains("令和3年度 入力受付中", row, StringComparison.Ordinal);
        Assert.Contains($"href=\"/plans/{Known.PlanId}\"", html, StringComparison.Ordinal);
        Assert.Contains("令和元年度～令和8年度", html, StringComparison.Ordinal);
        Assert.Contains("平成27年度～平成30年度", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_page_opens_on_the_latest_year_and_lists_every_item_by_policy()
    {
        var client = await fixture.SignedInClientAsync();

        var html = await client.GetStringAsync(PlanUrl);

        Assert.Contains("<h1 class=\"mb-1\">テスト市情報化基本計画</h1>", html, StringComparison.Ordinal);
        Assert.Contains("～ICTで笑顔あふれるまち～", html, StringComparison.Ordinal);
        Assert.Contains("令和4年3月25日", html, StringComparison.Ordinal);
        Assert.Equal("2021", SelectedValue(html, "year"));
        Assert.Contains(">令和3年度（入力受付中）</div>", html, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 27).Select(Known.ItemId), LinkedItemIds(html));
        Assert.Contains("取組方針1", html, StringComparison.Ordinal);
        Assert.Contains("地域課題解決への取組み", html, StringComparison.Ordinal);
        Assert.Contains("パンくずリスト", html, StringComparison.Ordinal);
        Assert.Contains("全<strong>27件</strong>を表示しています。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grade_table_counts_the_approved_ratings_of_the_year_with_the_plans_rounding()
    {
        var client = await fixture.SignedInClientAsync();

        var html = await client.GetStringAsync($"{PlanUrl}?year=2020");

        Assert.Equal("2020", SelectedValue(html, "year"));
        Assert.Contains("自己評価結果（令和2年度）", html, StringComparison.Ordinal);
        Assert.Equal("S 目標や計画を上回る達成状況であった。 3 11%", RowText(html, "S"));
        Assert.Equal("A 目標や計画どおりの達成状況であった。 15 56%", RowText(html, "A"));
        Assert.Equal("B 目標や計画を下回る達成状況であった。 9 33%", RowText(html, "B"));
        Assert.Equal("C 目標や計画を大幅に下回る達成状況であった（又は未実施）。 0 0%", RowText(html, "C"));
        Assert.Equal("合計 承認済の評価がある項目 27 100%", RowText(html, "合計"));
        Assert.StartsWith("未評価 ", RowText(html, "未評価"), StringComparison.Ordinal);
        Assert.EndsWith(" 0 割合なし －", RowText(html, "未評価"), StringComparison.Ordinal);
        Assert.Contains("合計が100%にならない場合があります", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_an_open_year_only_approved_evaluations_count_and_inactive_items_do_not()
    {
        var client = await fixture.SignedInClientAsync();

        var html = await client.GetStringAsync($"{PlanUrl}?year=2021");

        Assert.Equal("S 目標や計画を上回る達成状況であった。 1 100%", RowText(html, "S"));
        Assert.Equal("A 目標や計画どおりの達成状況であった。 0 0%", RowText(html, "A"));
        // 27 items, one completed in 令和2年度, one approved: 25 not evaluated.
        Assert.Contains(" 25 ", RowText(html, "未評価"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filtering_by_department_shows_only_items_it_leads_or_shares()
    {
        var client = await fixture.SignedInClientAsync();
        var planning = Known.Departments["企画課"];

        var html = await client.GetStringAsync($"{PlanUrl}?year=2021&dept={planning}");

        // 企画課 leads items 4, 9, 14, 19, 24 and is related to item 1.
        Assert.Equal(Known.ItemIds(1, 4, 9, 14, 19, 24), LinkedItemIds(html));
        Assert.Equal(planning.ToString(System.Globalization.CultureInfo.InvariantCulture), SelectedValue(html, "filter-dept"));
        Assert.Contains("全27件のうち、条件に合う<strong>6件</strong>を表示しています。", html, StringComparison.Ordinal);
        Assert.Contains("条件をクリア", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filtering_by_policy_grade_and_status_combine()
    {
        // The office: it reads the unapproved ratings of 令和3年度 too (a viewer filters on approved ones only).
        var client = await fixture.SignedInClientAsync("reviewer");

        var byPolicy = await client.GetStringAsync($"{PlanUrl}?year=2020&policy=4");
        var byGrade = await client.GetStringAsync($"{PlanUrl}?year=2020&grade=S");
        var both = await client.GetStringAsync($"{PlanUrl}?year=2020&policy=3&grade=B");
        var unrated = await client.GetStringAsync($"{PlanUrl}?year=2021&grade=none&policy=1");

        Assert.Equal(Enumerable.Range(23, 5).Select(Known.ItemId), LinkedItemIds(byPolicy));
        Assert.Equal(Known.ItemIds(1, 2, 3), LinkedItemIds(byGrade));
        Assert.Equal(Known.ItemIds(19, 20, 21, 22), LinkedItemIds(both));
        Assert.Equal(Enumerable.Range(5, 4).Select(Known.ItemId), LinkedItemIds(unrated));
    }

    [Theory]
    [InlineData("Draft", new[] { 1 })]
    [InlineData("Submitted", new[] { 2 })]
    [InlineData("Returned", new[] { 3 })]
    [InlineData("Approved", new[] { 4 })]
    [InlineData("Inactive", new[] { 27 })]
    public async Task Filtering_by_status_uses_the_years_evaluation(string status, int[] numbers)
    {
        var client = await fixture.SignedInClientAsync();

        var html = await client.GetStringAsync($"{PlanUrl}?year=2021&status={status}");

        Assert.Equal(numbers.Select(Known.ItemId), LinkedItemIds(html));
        Assert.Equal(status, SelectedValue(html, "filter-status"));
    }

    [Fact]
    public async Task Not_started_means_no_evaluation_yet_among_the_items_of_the_year()
    {
        var client = await fixture.SignedInClientAsync();

        var html = await client.GetStringAsync($"{PlanUrl}?year=2021&status=NotStarted");

        Assert.Equal(Enumerable.Range(5, 22).Select(Known.ItemId), LinkedItemIds(html));
        Assert.Contains("○ 未着手</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sorting_by_department_follows_the_reading_not_the_code_points()
    {
        var client = await fixture.SignedInClientAsync();

        var html = await client.GetStringAsync($"{PlanUrl}?year=2021&policy=1&sort=dept");

        // Leads: 4 企画課 きかく, 6 議会事務局 ぎかい, 5 財政課 ざいせい, 2·7 人事課 じんじ, 3·8 税務課 ぜいむ, 1 DX推進課 でぃー.
        Assert.Equal(Known.ItemIds(4, 6, 5, 2, 7, 3, 8, 1), LinkedItemIds(html));
        Assert.Equal("dept", SelectedValue(html, "filter-sort"));
    }

    [Fact]
    public async Task Sorting_by_grade_and_status_keeps_policy_sections()
    {
        var client = await fixture.SignedInClientAsync();

        var byGrade = await client.GetStringAsync($"{PlanUrl}?year=2021&policy=1&sort=grade");
        var byStatus = await client.GetStringAsync($"{PlanUrl}?year=2021&policy=1&sort=status");
        var byGradeAllPolicies = await client.GetStringAsync($"{PlanUrl}?year=2020&sort=grade");

        // 令和3年度: 4 S (revised), 1·2·3 A, the rest unrated.
        Assert.Equal(Known.ItemIds(4, 1, 2, 3, 5, 6, 7, 8), LinkedItemIds(byGrade));
        // 未着手 5–8, 下書き 1, 提出済 2, 差戻し 3, 承認済 4.
        Assert.Equal(Known.ItemIds(5, 6, 7, 8, 1, 2, 3, 4), LinkedItemIds(byStatus));
        Assert.Equal(Enumerable.Range(1, 27).Select(Known.ItemId), LinkedItemIds(byGradeAllPolicies));
    }

    [Fact]
    public async Task Department_options_follow_sort_order_then_reading_and_use_the_years_name()
    {
        var client = await fixture.SignedInClientAsync();
        await using var scope = await HandlerScope.ForAsync(fixture.Factory.Services, "viewer");
        var query = scope.Get<PlanPageQuery>();

        var in2021 = (await query.LoadAsync(Known.PlanId, "2021", PlanPageFilter.None, 1))!.Data!;
        var in2020 = (await query.LoadAsync(Known.PlanId, "2020", PlanPageFilter.None, 1))!.Data!;
        var html2021 = await client.GetStringAsync($"{PlanUrl}?year=2021");
        var html2020 = await client.GetStringAsync($"{PlanUrl}?year=2020");

        Assert.Equal(["DX推進課", "企画課", "財政課", "人事課", "税務課", "議会事務局"], in2021.Departments.Select(d => d.Name));
        Assert.Equal(["情報政策課", "企画課", "財政課", "人事課", "税務課", "議会事務局"], in2020.Departments.Select(d => d.Name));
        Assert.Contains("情報政策課", RowText(html2020, "1"), StringComparison.Ordinal);
        Assert.Contains("DX推進課", RowText(html2021, "1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_year_selector_offers_every_year_of_the_plan_with_its_state()
    {
        await using var scope = await HandlerScope.ForAsync(fixture.Factory.Services, "viewer");

        var plan = (await scope.Get<PlanPageQuery>().LoadAsync(Known.PlanId, null, PlanPageFilter.None, 1))!.Plan;

        Assert.Equal(
            ["令和元年度（未開始）", "令和2年度（確定）", "令和3年度（入力受付中）", "令和4年度（未開始）", "令和5年度（未開始）", "令和6年度（未開始）", "令和7年度（未開始）", "令和8年度（未開始）"],
            plan.FiscalYears.Select(plan.YearOptionLabel));
    }

    [Fact]
    public async Task A_keyword_finds_items_by_number_title_or_content()
    {
        var client = await fixture.SignedInClientAsync();

        var byTitle = await client.GetStringAsync($"{PlanUrl}?year=2021&q={Uri.EscapeDataString("オンライン申請")}");
        var byNumber = await client.GetStringAsync($"{PlanUrl}?year=2021&q={Uri.EscapeDataString("２７")}");
        var none = await client.GetStringAsync($"{PlanUrl}?year=2021&q={Uri.EscapeDataString("該当しない言葉")}");

        Assert.Equal(Known.ItemIds(1), LinkedItemIds(byTitle));
        Assert.Equal(Known.ItemIds(27), LinkedItemIds(byNumber));
        Assert.Empty(LinkedItemIds(none));
        Assert.Contains("条件に合う項目はありません", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_items_table_shows_status_and_a_revised_rating_beside_the_self_rating()
    {
        var client = await fixture.SignedInClientAsync("reviewer");

        var html = await client.GetStringAsync($"{PlanUrl}?year=2021");
        var viewer = await (await fixture.SignedInClientAsync()).GetStringAsync($"{PlanUrl}?year=2021");
        // A viewer sees the status of a draft but not its rating; an approved one's rating is shown to everyone.
        Assert.Equal("1 オンライン申請の推進 DX推進課 関係：企画課 ✎ 下書き － （未評価）", RowText(viewer, "1"));
        Assert.Equal("4 取組項目04 企画課 ✔ 承認済 A S 見直し", RowText(viewer, "4"));

        Assert.Equal("1 オンライン申請の推進 DX推進課 関係：企画課 ✎ 下書き A 同左", RowText(html, "1"));
        Assert.Equal("3 取組項目03 税務課 ↩ 差戻し A 同左", RowText(html, "3"));
        Assert.Equal("4 取組項目04 企画課 ✔ 承認済 A S 見直し", RowText(html, "4"));
        Assert.Equal("27 取組項目27 令和2年度完了 人事課 対象外 － （未評価）", RowText(html, "27"));
    }

    [Fact]
    public async Task Conditions_survive_a_change_of_year_and_unknown_values_are_ignored()
    {
        var client = await fixture.SignedInClientAsync();

        var html = await client.GetStringAsync($"{PlanUrl}?year=2021&policy=2&sort=title&status=Bogus&grade=Z&dept=abc");

        Assert.Equal("2", SelectedValue(html, "filter-policy"));
        Assert.Equal("title", SelectedValue(html, "filter-sort"));
        Assert.Equal(string.Empty, SelectedValue(html, "filter-status"));
        Assert.Equal(string.Empty, SelectedValue(html, "filter-grade"));
        Assert.Equal(string.Empty, SelectedValue(html, "filter-dept"));
        Assert.Equal(Enumerable.Range(9, 7).Select(Known.ItemId), LinkedItemIds(html));
    }

    [Theory]
    [InlineData("2030", "令和12年度は、この計画の期間（令和元年度～令和8年度）に含まれません。")]
    [InlineData("2018", "平成30年度は、この計画の期間（令和元年度～令和8年度）に含まれません。")]
    [InlineData("abc", "年度「abc」を読み取れません。")]
    public async Task A_year_outside_the_plan_gives_a_Japanese_message(string year, string message)
    {
        var client = await fixture.SignedInClientAsync();

        var response = await client.GetAsync($"{PlanUrl}?year={year}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("年度を選び直してください", html, StringComparison.Ordinal);
        Assert.Empty(LinkedItemIds(html));
    }

    [Fact]
    public async Task A_year_can_be_given_as_written_in_Japanese()
    {
        var client = await fixture.SignedInClientAsync();

        var html = await client.GetStringAsync($"{PlanUrl}?year={Uri.EscapeDataString("令和2年度")}");

        Assert.Equal("2020", SelectedValue(html, "year"));
    }

    [Theory]
    [InlineData("/plans/999999")]
    [InlineData("/plans/abc")]
    [InlineData("/plans/999999/items/1")]
    public async Task Unknown_plans_and_items_are_not_found(string url)
    {
        var client = await fixture.SignedInClientAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ページが見つかりません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_is_found_only_under_its_own_plan()
    {
        var client = await fixture.SignedInClientAsync();

        var wrongPlan = await client.GetAsync($"/plans/{Known.PredecessorPlanId}/items/{Known.ItemId(1)}");
        var unknownItem = await client.GetAsync($"{PlanUrl}/items/999999");

        Assert.Equal(HttpStatusCode.NotFound, wrongPlan.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownItem.StatusCode);
        Assert.Contains("ページが見つかりません", await unknownItem.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string FormPost(HttpResponseMessage response) => Infrastructure.FormPost.RedirectTarget(response);
}
