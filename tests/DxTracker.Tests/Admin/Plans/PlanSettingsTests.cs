using System.ComponentModel.DataAnnotations;
using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Components;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Admin.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Admin.Plans;

public sealed class PlanSettingsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private PlanAdminSteps admin = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        admin = await PlanAdminSteps.ForAsync(factory);
    }

    public async Task DisposeAsync()
    {
        await admin.DisposeAsync();
        await factory.DisposeAsync();
    }

    private static PlanSettingsInput Settings(string name, string start = "令和４年度", string end = "R7") => new()
    {
        Name = name, Municipality = "津島市", Subtitle = "ローリング方式", StartYear = start, EndYear = end,
        PolicyLabel = "基本方針", CategoryLabel = "施策の柱", ItemLabel = "施策", Rounding = PercentageRounding.LargestRemainder,
        Phases = "研究、検討、導入準備、導入、運用、実証", ScaleKey = "abcd",
    };

    private Task<int> CreatePlanAsync(string name) =>
        admin.Plans.CreateAsync(Settings(name).ToSettings(), ScaleLibrary.Find("abcd"));

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
        var duplicate = await Assert.ThrowsAsync<FieldRuleException>(() => CreatePlanAsync("重複テスト計画"));
        Assert.Equal(nameof(PlanSettingsInput.Name), duplicate.Field);
        Assert.StartsWith("津島市の計画「重複テスト計画」は既にあります。", duplicate.Message, StringComparison.Ordinal);

        var badYear = Assert.Throws<FieldRuleException>(() => Settings("年度テスト", start: "れいわ").ToSettings());
        Assert.Equal(nameof(PlanSettingsInput.StartYear), badYear.Field);
        Assert.StartsWith("年度「れいわ」を読み取れません。", badYear.Message, StringComparison.Ordinal);
        var backwards = Assert.Throws<FieldRuleException>(() => Settings("年度テスト", start: "R7", end: "R4").ToSettings());
        Assert.Equal(nameof(PlanSettingsInput.EndYear), backwards.Field);

        await using var db = database.CreateContext();
        Assert.False(await db.Plans.AnyAsync(p => p.Name == "年度テスト"));
        Assert.Equal(1, await db.Plans.CountAsync(p => p.Name == "重複テスト計画"));
    }

    [Fact]
    public async Task Policies_get_unique_numbers_and_only_empty_ones_can_be_removed()
    {
        var id = await CreatePlanAsync("方針テスト計画");
        await admin.Plans.AddPolicyAsync(id, WholeNumber.Parse("１", "番号")!.Value, "ICTを活用した地域活性化");
        var second = await admin.Plans.AddPolicyAsync(id, 2, "電子自治体の推進");
        var duplicate = await Assert.ThrowsAsync<FieldRuleException>(() => admin.Plans.AddPolicyAsync(id, 2, "重複"));
        Assert.Equal(("Number", "基本方針2は既にあります。番号が重複しないようにしてください。"), (duplicate.Field, duplicate.Message));

        await using var db = database.CreateContext();
        var policies = await db.Policies.Where(p => p.PlanId == id).OrderBy(p => p.Number).ToListAsync();
        Assert.Equal([1, 2], policies.Select(p => p.Number));

        var renumber = await Assert.ThrowsAsync<FieldRuleException>(() => admin.Plans.UpdatePolicyAsync(id, second, 1, "電子自治体の推進", 2));
        Assert.Equal(("Number", "基本方針1は既にあります。番号が重複しないようにしてください。"), (renumber.Field, renumber.Message));
        await admin.Plans.UpdatePolicyAsync(id, second, 3, "電子自治体の推進（改）", WholeNumber.Parse("０", "表示順")!.Value);
        await admin.Plans.AddCategoryAsync(id, policies[0].Id, "1-1", "観光DX");
        var category = await Assert.ThrowsAsync<FieldRuleException>(() => admin.Plans.AddCategoryAsync(id, policies[0].Id, "1-1", "別名"));
        Assert.Equal(("Number", "区分「1-1」はこの方針に既にあります。"), (category.Field, category.Message));

        var rows = await admin.Plans.PoliciesAsync(id);
        Assert.Equal([3, 1], rows.Select(p => p.Number));
        Assert.Equal(["観光DX"], rows[1].Categories.Select(c => c.Title));
        var html = await admin.Http.GetStringAsync($"/admin/plans/{id}/policies");
        Assert.True(html.IndexOf("基本方針3「電子自治体の推進（改）」", StringComparison.Ordinal) < html.IndexOf("基本方針1「ICTを活用した地域活性化」", StringComparison.Ordinal));
        Assert.Contains("観光DX", html, StringComparison.Ordinal);

        var item = await admin.AddItemAsync(id, policies[0].Id, "1", "観光アプリ");
        var notEmpty = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Plans.DeletePolicyAsync(id, policies[0].Id));
        Assert.StartsWith("この方針には項目が1件あるため、削除できません。", notEmpty.Message, StringComparison.Ordinal);
        await admin.Plans.DeletePolicyAsync(id, second);
        db.ChangeTracker.Clear();
        Assert.Equal(1, await db.Policies.CountAsync(p => p.PlanId == id));
        Assert.True(await db.ActionItems.AnyAsync(i => i.Id == item));
    }

    [Fact]
    public async Task Revisions_are_recorded_with_date_and_note_and_settings_keep_the_row_version()
    {
        var id = await CreatePlanAsync("改定テスト計画");
        await admin.Plans.AddRevisionAsync(id, new DateOnly(2024, 3, 29), "ローリング方式により令和6年度版に改定");
        var empty = new RevisionInput { Date = new DateOnly(2024, 3, 29), Note = "" };
        var problems = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(empty, new ValidationContext(empty), problems, validateAllProperties: true));
        Assert.Equal(["改定の内容を入力してください。"], problems.Select(p => p.ErrorMessage));
        Assert.Contains("ローリング方式により令和6年度版に改定", await admin.Http.GetStringAsync($"/admin/plans/{id}"), StringComparison.Ordinal);

        await using var db = database.CreateContext();
        var plan = await db.Plans.Include(p => p.Revisions).SingleAsync(p => p.Id == id);
        Assert.Equal([(new DateOnly(2024, 3, 29), "ローリング方式により令和6年度版に改定")], plan.Revisions.Select(r => (r.Date, r.Note)));
        var settings = PlanSettingsInput.From(plan);
        settings.Name = "改定テスト計画（令和6年度版）";
        await admin.Plans.UpdateAsync(id, settings.ToSettings(), settings.Version);

        // Someone else's form, opened before that save, changes the subtitle: refused, and told what was saved.
        var stale = PlanSettingsInput.From(plan);
        stale.Subtitle = "別の副題";
        var conflict = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Plans.UpdateAsync(id, stale.ToSettings(), stale.Version));
        Assert.StartsWith("ほかの人がこの内容を先に更新しました。", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("計画名：保存されている内容「改定テスト計画（令和6年度版）」／あなたの入力「改定テスト計画」", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("副題：保存されている内容「ローリング方式」／あなたの入力「別の副題」", conflict.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        var kept = await db.Plans.SingleAsync(p => p.Id == id);
        Assert.Equal(("改定テスト計画（令和6年度版）", "ローリング方式"), (kept.Name, kept.Subtitle));
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
        await using var other = await PlanAdminSteps.ForAsync(factory, userName);
        string[] pages =
        [
            "/admin/plans", "/admin/plans/new", "/admin/plans/import-workbook", $"/admin/plans/{planId}", $"/admin/plans/{planId}/policies",
            $"/admin/plans/{planId}/items", $"/admin/plans/{planId}/items/{itemId}", $"/admin/plans/{planId}/items/{itemId}/kpis",
            $"/admin/plans/{planId}/scale", $"/admin/plans/{planId}/years", $"/admin/plans/{planId}/successor",
        ];
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync(page)).StatusCode);
        }
        await Assert.ThrowsAsync<DxTracker.Web.Infrastructure.ForbiddenException>(() => other.Succession.OpenNextYearAsync(planId));
        await using var check = database.CreateContext();
        Assert.False(await check.PlanYears.AnyAsync(y => y.PlanId == planId && y.FiscalYear == 2022));
    }
}
