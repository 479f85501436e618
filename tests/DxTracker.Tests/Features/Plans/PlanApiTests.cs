using System.Net;
using System.Text.Json;

namespace DxTracker.Tests.Features.Plans;

public sealed class PlanApiTests(PlanBrowsingFixture fixture) : IClassFixture<PlanBrowsingFixture>
{
    private KnownPlan Known => fixture.Plan;

    [Fact]
    public async Task The_API_answers_anonymous_callers_with_401_not_a_redirect()
    {
        var client = fixture.Factory.CreateBrowserLikeClient();

        var list = await client.GetAsync("/api/plans");
        var summary = await client.GetAsync($"/api/plans/{Known.PlanId}/years/2020/summary");

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, summary.StatusCode);
    }

    [Fact]
    public async Task The_plans_list_has_ids_names_and_fiscal_years()
    {
        var client = await fixture.SignedInClientAsync();

        var response = await client.GetAsync("/api/plans");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"name\":\"テスト市情報化基本計画\"", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var plans = json.RootElement.EnumerateArray().ToList();
        // The fixture's plans, and the demo plan that the demo data loads.
        Assert.Contains(plans, p => p.GetProperty("name").GetString() == "徳島市情報化基本計画");
        var plan = plans.Single(p => p.GetProperty("id").GetInt32() == Known.PlanId);
        Assert.Equal(["id", "name", "municipality", "startFiscalYear", "endFiscalYear"], plan.EnumerateObject().Select(p => p.Name));
        Assert.Equal("テスト市", plan.GetProperty("municipality").GetString());
        Assert.Equal(2019, plan.GetProperty("startFiscalYear").GetInt32());
        Assert.Equal(2026, plan.GetProperty("endFiscalYear").GetInt32());
    }

    [Fact]
    public async Task The_summary_of_27_items_S3_A15_B9_C0_is_11_56_33_0_percent()
    {
        var client = await fixture.SignedInClientAsync();

        var text = await client.GetStringAsync($"/api/plans/{Known.PlanId}/years/2020/summary");

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(2020, root.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("令和2年度", root.GetProperty("fiscalYearLabel").GetString());
        Assert.Equal(27, root.GetProperty("total").GetInt32());
        Assert.Equal([("S", 3), ("A", 15), ("B", 9), ("C", 0)], Pairs(root.GetProperty("counts")));
        Assert.Equal([("S", 11), ("A", 56), ("B", 33), ("C", 0)], Pairs(root.GetProperty("percentages")));
        Assert.Equal(0, root.GetProperty("notEvaluated").GetInt32());
        Assert.Equal("HalfUpEach", root.GetProperty("rounding").GetString());

        var policies = root.GetProperty("byPolicy").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], policies.Select(p => p.GetProperty("policyNumber").GetInt32()));
        Assert.Equal("地域課題解決への取組み", policies[0].GetProperty("title").GetString());
        // Policy 1 holds items 1–8: S 1–3, A 4–8.
        Assert.Equal(8, policies[0].GetProperty("total").GetInt32());
        Assert.Equal([("S", 3), ("A", 5), ("B", 0), ("C", 0)], Pairs(policies[0].GetProperty("counts")));
        Assert.Equal([("S", 38), ("A", 63), ("B", 0), ("C", 0)], Pairs(policies[0].GetProperty("percentages")));
        // Policy 4 holds items 23–27, all B.
        Assert.Equal([("S", 0), ("A", 0), ("B", 5), ("C", 0)], Pairs(policies[3].GetProperty("counts")));
        Assert.Equal([("S", 0), ("A", 0), ("B", 100), ("C", 0)], Pairs(policies[3].GetProperty("percentages")));
    }

    [Fact]
    public async Task Only_approved_evaluations_of_items_active_in_the_year_are_counted()
    {
        var client = await fixture.SignedInClientAsync();

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/plans/{Known.PlanId}/years/2021/summary"));

        var root = json.RootElement;
        // Item 4 approved with the reviewer's S over a self-rated A; items 1–3 are not approved; item 27 ended in 2020.
        Assert.Equal(1, root.GetProperty("total").GetInt32());
        Assert.Equal([("S", 1), ("A", 0), ("B", 0), ("C", 0)], Pairs(root.GetProperty("counts")));
        Assert.Equal(25, root.GetProperty("notEvaluated").GetInt32());
        var policy4 = root.GetProperty("byPolicy")[3];
        Assert.Equal(0, policy4.GetProperty("total").GetInt32());
        Assert.Equal(4, policy4.GetProperty("notEvaluated").GetInt32());
    }

    [Fact]
    public async Task A_year_of_the_plan_without_evaluations_counts_every_item_as_not_evaluated()
    {
        var client = await fixture.SignedInClientAsync();

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/plans/{Known.PlanId}/years/2019/summary"));

        Assert.Equal(0, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(27, json.RootElement.GetProperty("notEvaluated").GetInt32());
        Assert.Equal([("S", 0), ("A", 0), ("B", 0), ("C", 0)], Pairs(json.RootElement.GetProperty("percentages")));
    }

    [Theory]
    [InlineData("/api/plans/999999/years/2020/summary", "計画が見つかりません。")]
    [InlineData("/api/plans/{plan}/years/2027/summary", "年度が計画期間の外です。")]
    [InlineData("/api/plans/{plan}/years/2018/summary", "年度が計画期間の外です。")]
    [InlineData("/api/plans/{plan}/years/99999/summary", "年度が計画期間の外です。")]
    public async Task Unknown_plans_and_years_outside_the_plan_are_404_problems(string url, string title)
    {
        var client = await fixture.SignedInClientAsync();

        var response = await client.GetAsync(url.Replace("{plan}", Known.PlanId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, json.RootElement.GetProperty("title").GetString());
    }

    private static List<(string, int)> Pairs(JsonElement element) =>
        element.EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())).ToList();
}
