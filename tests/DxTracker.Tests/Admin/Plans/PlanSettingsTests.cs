using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Admin.Plans;

public sealed class PlanSettingsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private PlanAdminClient admin = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        admin = await PlanAdminClient.SignInAsync(factory);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private async Task<int> CreatePlanAsync(string name, string start = "令和４年度", string end = "R7")
    {
        var target = await admin.SucceedAsync("/admin/plans/new", "new-plan",
            ("Input.Name", name), ("Input.Municipality", "津島市"), ("Input.Subtitle", "ローリング方式"),
            ("Input.StartYear", start), ("Input.EndYear", end), ("Input.PolicyLabel", "基本方針"), ("Input.CategoryLabel", "施策の柱"),
            ("Input.ItemLabel", "施策"), ("Input.Rounding", "LargestRemainder"), ("Input.Phases", "研究、検討、導入準備、導入、運用、実証"), ("Input.ScaleKey", "abcd"));
        Assert.StartsWith("/admin/plans/", target, StringComparison.Ordinal);
        return int.Parse(target["/admin/plans/".Length..target.IndexOf('?', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_new_plan_gets_its_period_labels_rounding_phases_and_chosen_scale()
    {
        var id = await CreatePlanAsync("津島市DX推進計画");

        await using var db = database.CreateContext();
        var plan = await db.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == id);
        Assert.Equal((2022, 2025), (plan.StartYear, plan.EndYear));
        Assert.Equal(("基本方針", "施策の柱", "施策"), (plan.PolicyLabel, plan.CategoryLabel, plan.ItemLabel));
        Assert.Equal(PercentageRounding.LargestRemainder, plan.Rounding);
        Assert.Equal(["研究", "検討", "導入準備", "導入", "運用", "実証"], plan.Phases);
        Assert.Equal(["A", "B", "C", "D"], plan.Scale.Select(g => g.Code));
        var page = await admin.Http.GetStringAsync($"/admin/plans/{id}");
        Assert.Contains("令和4年度～令和7年度", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_name_or_an_unreadable_year_is_refused_at_the_field()
    {
        await CreatePlanAsync("重複テスト計画");
        var duplicate = await admin.RefusedAsync("/admin/plans/new", "new-plan",
            ("Input.Name", "重複テスト計画"), ("Input.Municipality", "津島市"), ("Input.StartYear", "2022"), ("Input.EndYear", "2025"),
            ("Input.PolicyLabel", "取組方針"), ("Input.CategoryLabel", "取組"), ("Input.ItemLabel", "取組項目"), ("Input.Phases", "研究"));
        Assert.Contains("<p class=\"field-error\" id=\"plan-name-error\">津島市の計画「重複テスト計画」は既にあります。", duplicate, StringComparison.Ordinal);

        var badYear = await admin.RefusedAsync("/admin/plans/new", "new-plan",
            ("Input.Name", "年度テスト"), ("Input.Municipality", "津島市"), ("Input.StartYear", "れいわ"), ("Input.EndYear", "2025"),
            ("Input.PolicyLabel", "取組方針"), ("Input.CategoryLabel", "取組"), ("Input.ItemLabel", "取組項目"), ("Input.Phases", "研究"));
        Assert.Contains("id=\"plan-start-error\">年度「れいわ」を読み取れません。", badYear, StringComparison.Ordinal);

        await using var db = database.CreateContext();
        Assert.False(await db.Plans.AnyAsync(p => p.Name == "年度テスト"));
    }

    [Fact]
    public async Task Policies_get_unique_numbers_and_only_empty_ones_can_be_removed()
    {
        var id = await CreatePlanAsync("方針テスト計画");
        var page = $"/admin/plans/{id}/policies";
        await admin.SucceedAsync(page, "add-policy", ("Input.Number", "１"), ("Input.Title", "ICTを活用した地域活性化"));
        await admin.SucceedAsync(page, "add-policy", ("Input.Number", "2"), ("Input.Title", "電子自治体の推進"));
        var duplicate = await admin.RefusedAsync(page, "add-policy", ("Input.Number", "2"), ("Input.Title", "重複"));
        Assert.Contains("id=\"new-policy-number-error\">基本方針2は既にあります。", duplicate, StringComparison.Ordinal);

        await using var db = database.CreateContext();
        var policies = await db.Policies.Where(p => p.PlanId == id).OrderBy(p => p.Number).ToListAsync();
        Assert.Equal([1, 2], policies.Select(p => p.Number));

        var renumber = await admin.RefusedAsync(page, $"policy-{policies[1].Id}", ("Number", "1"), ("Title", "電子自治体の推進"), ("SortOrder", "2"));
        Assert.Contains($"id=\"policy-{policies[1].Id}-number-error\">基本方針1は既にあります。", renumber, StringComparison.Ordinal);
        await admin.SucceedAsync(page, $"policy-{policies[1].Id}", ("Number", "3"), ("Title", "電子自治体の推進（改）"), ("SortOrder", "０"));
        await admin.SucceedAsync(page, $"add-category-{policies[0].Id}", ("Number", "1-1"), ("Title", "観光DX"));

        var html = await admin.Http.GetStringAsync(page);
        Assert.True(html.IndexOf("基本方針3「電子自治体の推進（改）」", StringComparison.Ordinal) < html.IndexOf("基本方針1「ICTを活用した地域活性化」", StringComparison.Ordinal));
        Assert.Contains("観光DX", html, StringComparison.Ordinal);
        await admin.SucceedAsync(page, $"delete-policy-{policies[1].Id}");
        db.ChangeTracker.Clear();
        Assert.Equal(1, await db.Policies.CountAsync(p => p.PlanId == id));
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("reviewer")]
    [InlineData("viewer")]
    public async Task Only_administrators_reach_plan_administration(string userName)
    {
        var client = await PlanAdminClient.SignInAsync(factory, userName);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/admin/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/admin/plans/new")).StatusCode);
    }
}
