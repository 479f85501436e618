using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Admin.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Admin.Plans;

/// <summary>
/// Plan administration is the administrator's alone, whichever component calls it: every handler action refuses an
/// editor, a reviewer and a viewer (of any department, in any year state) and changes no row.
/// </summary>
public sealed class PlanAdminAuthorizationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private (int Plan, int Policy, int Category, int Item, int Other, int Kpi, int Department) ids;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        await using var admin = await PlanAdminSteps.ForAsync(factory);
        var plan = await admin.CreatePlanAsync($"権限テスト計画{Guid.NewGuid():N}", "令和4年度", "令和7年度");
        var policy = await admin.AddPolicyAsync(plan, 1, "方針");
        await admin.Plans.AddCategoryAsync(plan, policy, "1-1", "区分");
        var category = (await admin.Plans.PoliciesAsync(plan)).Single().Categories.Single().Id;
        var item = await admin.AddItemAsync(plan, policy, "1", "項目");
        var other = await admin.AddItemAsync(plan, policy, "2", "統合先");
        var kpi = await admin.Kpis.AddAsync(plan, item, new KpiDetails("指標", "件", KpiDirection.HigherIsBetter, "10件", null), null);
        await admin.SetPlannedAsync(plan, item, kpi, (2022, "20件"));
        await admin.Succession.OpenNextYearAsync(plan);
        await using var db = database.CreateContext();
        var department = (await db.Departments.FirstAsync(d => d.IsActive)).Id;
        ids = (plan, policy, category, item, other, kpi, department);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private static readonly Dictionary<string, Func<PlanAdminSteps, (int Plan, int Policy, int Category, int Item, int Other, int Kpi, int Department), Task>> Actions = new()
    {
        ["plan.create"] = (s, _) => s.CreatePlanAsync("作られてはいけない計画", "2022", "2025"),
        ["plan.update"] = (s, x) => s.Plans.UpdateAsync(x.Plan, new PlanSettingsInput { Name = "改名", Municipality = "津島市", StartYear = "2022", EndYear = "2025" }.ToSettings(), null),
        ["plan.revision.add"] = (s, x) => s.Plans.AddRevisionAsync(x.Plan, new DateOnly(2024, 4, 1), "改定"),
        ["plan.policy.add"] = (s, x) => s.Plans.AddPolicyAsync(x.Plan, 9, "追加"),
        ["plan.policy.update"] = (s, x) => s.Plans.UpdatePolicyAsync(x.Plan, x.Policy, 5, "変更", 3),
        ["plan.policy.delete"] = (s, x) => s.Plans.DeletePolicyAsync(x.Plan, x.Policy),
        ["plan.category.add"] = (s, x) => s.Plans.AddCategoryAsync(x.Plan, x.Policy, "1-2", "追加"),
        ["plan.category.update"] = (s, x) => s.Plans.UpdateCategoryAsync(x.Plan, x.Category, "1-9", "変更", 5),
        ["plan.category.delete"] = (s, x) => s.Plans.DeleteCategoryAsync(x.Plan, x.Category),
        ["item.create"] = (s, x) => s.AddItemAsync(x.Plan, x.Policy, "99", "追加"),
        ["item.update"] = (s, x) => s.Items.UpdateAsync(x.Plan, x.Item, new ItemDetails(x.Policy, null, "1", null, "改名", "", "", "", "", ""), null),
        ["item.departments"] = (s, x) => s.Items.SetDepartmentsAsync(x.Plan, x.Item, [(x.Department, DepartmentRole.Lead)]),
        ["item.schedule"] = (s, x) => s.Items.SetScheduleAsync(x.Plan, x.Item, new Dictionary<int, string?> { [2023] = "導入" }),
        ["item.status"] = (s, x) => s.Items.ChangeStatusAsync(x.Plan, x.Item, ItemStatus.Completed, new FiscalYear(2023), "", null, null),
        ["item.merge"] = (s, x) => s.Items.ChangeStatusAsync(x.Plan, x.Item, ItemStatus.Merged, new FiscalYear(2023), "", x.Other, null),
        ["kpi.add"] = (s, x) => s.Kpis.AddAsync(x.Plan, x.Item, new KpiDetails("追加", "件", KpiDirection.HigherIsBetter, "", null), null),
        ["kpi.update"] = (s, x) => s.Kpis.UpdateAsync(x.Plan, x.Item, x.Kpi, new KpiDetails("改名", "件", KpiDirection.HigherIsBetter, "", null), null),
        ["kpi.replace"] = (s, x) => s.Kpis.ReplaceAsync(x.Plan, x.Item, x.Kpi, new FiscalYear(2024), new KpiDetails("後継", "件", KpiDirection.HigherIsBetter, "", null), null),
        ["kpi.delete"] = (s, x) => s.Kpis.DeleteAsync(x.Plan, x.Item, x.Kpi),
        ["kpi.planned"] = (s, x) => s.SetPlannedAsync(x.Plan, x.Item, x.Kpi, (2023, "30件")),
        ["scale.save"] = (s, x) => s.Scales.SaveAsync(x.Plan, [new GradeDraft("X", "", "定義")], null),
        ["scale.template"] = (s, x) => s.Scales.ApplyTemplateAsync(x.Plan, "abcd", null),
        ["plan.year.open-next"] = (s, x) => s.Succession.OpenNextYearAsync(x.Plan),
        ["plan.successor.start"] = (s, x) => s.Succession.StartSuccessorAsync(x.Plan, new SuccessorSettings("後継", "", new FiscalYear(2026), new FiscalYear(2029)), [x.Item]),
        ["read.list"] = (s, _) => s.Plans.ListAsync(),
        ["read.item"] = (s, x) => s.Items.GetAsync(x.Plan, x.Item),
        ["read.kpis"] = (s, x) => s.Kpis.LoadAsync(x.Plan, x.Item),
        ["read.scale"] = (s, x) => s.Scales.LoadAsync(x.Plan),
        ["read.years"] = (s, x) => s.Succession.YearsAsync(x.Plan),
        ["read.successor-items"] = (s, x) => s.Items.ListAsync(x.Plan),
    };

    [Theory]
    [InlineData("editor")]
    [InlineData("reviewer")]
    [InlineData("viewer")]
    public async Task Every_plan_administration_action_refuses_a_non_administrator_and_changes_nothing(string role)
    {
        var before = await SnapshotAsync();
        await using var user = await PlanAdminSteps.ForAsync(factory, role);
        var allowed = new List<string>();
        foreach (var (action, run) in Actions)
        {
            try
            {
                await run(user, ids);
                allowed.Add($"{action}: done");
            }
            catch (ForbiddenException)
            {
                // Refused, as it must be.
            }
            catch (Exception e)
            {
                allowed.Add($"{action}: {e.GetType().Name} {e.Message}");
            }
        }
        Assert.True(allowed.Count == 0, $"{role} was not refused: " + string.Join("; ", allowed));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_administrator_passes_the_same_check()
    {
        var before = await SnapshotAsync();
        await using var admin = await PlanAdminSteps.ForAsync(factory);
        await Actions["plan.revision.add"](admin, ids);
        Assert.NotEqual(before, await SnapshotAsync());
    }

    /// <summary>Every row plan administration can write, with its version: any change shows.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = database.CreateContext();
        var plans = await db.Plans.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Version}").ToListAsync();
        var policies = await db.Policies.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Number}:{p.Title}:{p.SortOrder}").ToListAsync();
        var items = await db.ActionItems.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Version}").ToListAsync();
        var kpis = await db.Kpis.OrderBy(k => k.Id).Select(k => $"{k.Id}:{k.Version}").ToListAsync();
        var counts = new[]
        {
            await db.KpiValues.CountAsync(), await db.PlanYears.CountAsync(), await db.ItemDepartments.CountAsync(),
            await db.Set<Category>().CountAsync(), await db.Set<RatingGrade>().CountAsync(), await db.Set<PlanRevision>().CountAsync(),
            await db.Set<SchedulePhase>().CountAsync(),
        };
        return string.Join("|", plans.Concat(policies).Concat(items).Concat(kpis).Concat(counts.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
