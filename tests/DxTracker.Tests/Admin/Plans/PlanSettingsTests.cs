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

    [Fact]
    public async Task Revisions_are_recorded_with_date_and_note_and_settings_keep_the_row_version()
    {
        var id = await CreatePlanAsync("改定テスト計画");
        var page = $"/admin/plans/{id}";
        await admin.SucceedAsync(page, "revision", ("Revision.Date", "2024-03-29"), ("Revision.Note", "ローリング方式により令和6年度版に改定"));
        var empty = await admin.RefusedAsync(page, "revision", ("Revision.Date", "2024-03-29"), ("Revision.Note", ""));
        Assert.Contains("改定の内容を入力してください。", empty, StringComparison.Ordinal);
        Assert.Contains("ローリング方式により令和6年度版に改定", await admin.Http.GetStringAsync(page), StringComparison.Ordinal);

        await using var db = database.CreateContext();
        var plan = await db.Plans.Include(p => p.Revisions).SingleAsync(p => p.Id == id);
        Assert.Equal([(new DateOnly(2024, 3, 29), "ローリング方式により令和6年度版に改定")], plan.Revisions.Select(r => (r.Date, r.Note)));
        (string, string)[] settings =
        [
            ("Input.Version", plan.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Name", "改定テスト計画（令和6年度版）"), ("Input.Municipality", "津島市"),
            ("Input.StartYear", "2022"), ("Input.EndYear", "2025"), ("Input.PolicyLabel", "取組方針"), ("Input.CategoryLabel", "取組"), ("Input.ItemLabel", "取組項目"),
            ("Input.Rounding", "HalfUpEach"), ("Input.Phases", "研究、検討、実証、導入、運用、拡充"),
        ];
        await admin.SucceedAsync(page, "settings", settings);
        var stale = await admin.RefusedAsync(page, "settings", settings);
        Assert.Contains("ほかの人がこの内容を先に更新しました。", stale, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("reviewer")]
    [InlineData("viewer")]
    public async Task Only_administrators_reach_plan_administration(string userName)
    {
        int planId, itemId;
        await using (var db = database.CreateContext())
        {
            var item = await db.ActionItems.OrderBy(i => i.Id).FirstAsync();
            (planId, itemId) = (item.PlanId, item.Id);
        }
        var client = await PlanAdminClient.SignInAsync(factory, userName);
        string[] pages =
        [
            "/admin/plans", "/admin/plans/new", "/admin/plans/import-workbook", $"/admin/plans/{planId}", $"/admin/plans/{planId}/policies",
            $"/admin/plans/{planId}/items", $"/admin/plans/{planId}/items/{itemId}", $"/admin/plans/{planId}/items/{itemId}/kpis",
            $"/admin/plans/{planId}/scale", $"/admin/plans/{planId}/years", $"/admin/plans/{planId}/successor",
        ];
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(page)).StatusCode);
        }
        var post = await client.Http.PostAsync($"/admin/plans/{planId}/years", new FormUrlEncodedContent([new("_handler", "open-next")]));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        await using var check = database.CreateContext();
        Assert.False(await check.PlanYears.AnyAsync(y => y.PlanId == planId && y.FiscalYear == 2022));
    }
}
