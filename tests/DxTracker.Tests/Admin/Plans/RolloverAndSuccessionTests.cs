using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Admin.Plans;
using Microsoft.EntityFrameworkCore;
using static DxTracker.Tests.Admin.Plans.PlanAdminSteps;

namespace DxTracker.Tests.Admin.Plans;

public sealed class RolloverAndSuccessionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private PlanAdminSteps admin = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        admin = await ForAsync(factory);
    }

    public async Task DisposeAsync()
    {
        await admin.DisposeAsync();
        await factory.DisposeAsync();
    }

    private async Task<int> PolicyIdAsync(int planId, int number)
    {
        await using var db = database.CreateContext();
        return (await db.Policies.SingleAsync(p => p.PlanId == planId && p.Number == number)).Id;
    }

    private async Task<int> KpiAsync(int planId, int itemId, string name, params (int Year, string Planned)[] planned)
    {
        var input = new KpiInput { Name = name, Unit = "件", Baseline = "83件", BaselineYear = "令和2年度" };
        var kpiId = await admin.Kpis.AddAsync(planId, itemId, input.ToDetails(), input.From());
        Assert.Empty(await admin.SetPlannedAsync(planId, itemId, kpiId, planned));
        return kpiId;
    }

    [Fact]
    public async Task Opening_the_next_year_starts_every_active_item_not_started_and_carries_planned_values()
    {
        var planId = await admin.CreatePlanAsync("繰越し計画", "2022", "2024");
        await admin.AddPolicyAsync(planId, 1, "方針");
        var policyId = await PolicyIdAsync(planId, 1);
        var running = await admin.AddItemAsync(planId, policyId, "1", "オンライン申請");
        var finished = await admin.AddItemAsync(planId, policyId, "2", "コンビニ交付");
        var carried = await KpiAsync(planId, running, "オンライン手続数", (2022, "２０件"));
        var own = await KpiAsync(planId, running, "利用件数", (2022, "100件"), (2023, "150件"));
        var stopped = await KpiAsync(planId, finished, "交付件数", (2022, "1,000件"));
        await admin.Items.ChangeStatusAsync(planId, finished, ItemStatus.Completed, new FiscalYear(2022), string.Empty, null, null);
        var page = $"/admin/plans/{Id(planId)}/years";

        Assert.Equal(new OpenedYear(new FiscalYear(2022), 0), await admin.Succession.OpenNextYearAsync(planId));
        Assert.Equal(new OpenedYear(new FiscalYear(2023), 1), await admin.Succession.OpenNextYearAsync(planId));
        var html = await admin.Http.GetStringAsync(page);
        Assert.Contains($"href=\"/plans/{Id(planId)}/years/2023/manage\"", html, StringComparison.Ordinal);

        await using (var db = database.CreateContext())
        {
            var values = await db.KpiValues.Where(v => v.FiscalYear == 2023 && new[] { carried, own, stopped }.Contains(v.KpiId)).ToDictionaryAsync(v => v.KpiId);
            Assert.Equal((20m, "２０件"), (values[carried].PlannedValue, values[carried].PlannedText));
            Assert.Equal("150件", values[own].PlannedText);
            Assert.False(values.ContainsKey(stopped));
            Assert.Equal(PlanYearState.Preparing, (await db.PlanYears.SingleAsync(y => y.PlanId == planId && y.FiscalYear == 2023)).State);
            Assert.False(await db.Evaluations.AnyAsync(e => e.PlanId == planId && e.FiscalYear == 2023));
        }

        await admin.Succession.OpenNextYearAsync(planId);
        Assert.Contains("計画期間の最終年度まで開始済みです。", await admin.Http.GetStringAsync(page), StringComparison.Ordinal);
        var beyond = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Succession.OpenNextYearAsync(planId));
        Assert.StartsWith("計画期間の最終年度（令和6年度）まで開始済みです。", beyond.Message, StringComparison.Ordinal);
        await using var check = database.CreateContext();
        Assert.Equal([2022, 2023, 2024], await check.PlanYears.Where(y => y.PlanId == planId).OrderBy(y => y.FiscalYear).Select(y => y.FiscalYear).ToListAsync());
    }

    [Fact]
    public async Task A_successor_plan_carries_the_chosen_items_linked_to_their_predecessors()
    {
        var oldPlan = await admin.CreatePlanAsync("情報化基本計画", "令和元年度", "令和4年度", "徳島市");
        await admin.AddPolicyAsync(oldPlan, 1, "地域課題解決への取組みに向けたICT利活用の促進");
        await admin.AddPolicyAsync(oldPlan, 2, "行政サービスの更なる拡充による市民の利便性向上");
        var opendata = await admin.AddItemAsync(oldPlan, await PolicyIdAsync(oldPlan, 1), "1", "オープンデータの推進", "(1) 公開データ数の拡充を図る。", "行政の透明性の確保");
        var gis = await admin.AddItemAsync(oldPlan, await PolicyIdAsync(oldPlan, 1), "2", "GISの効率的運用");
        var sns = await admin.AddItemAsync(oldPlan, await PolicyIdAsync(oldPlan, 2), "9", "SNSを活用した広報の充実");
        await using (var db = database.CreateContext())
        {
            var digital = (await db.Departments.SingleAsync(d => d.Name == "デジタル推進課")).Id;
            await admin.Items.SetDepartmentsAsync(oldPlan, opendata, [(digital, DepartmentRole.Lead)]);
        }
        await admin.Items.SetScheduleAsync(oldPlan, opendata, new Dictionary<int, string?> { [2021] = "導入", [2022] = "運用" });
        await KpiAsync(oldPlan, opendata, "公開データセット数", (2021, "160"), (2022, "200"));
        var page = $"/admin/plans/{Id(oldPlan)}/successor";

        Task<int> StartAsync(string name, string start, string end, params int[] items)
        {
            var input = new SuccessorInput { Name = name, Subtitle = "誰一人取り残さない", StartYear = start, EndYear = end };
            input.ItemIds.UnionWith(items);
            return admin.Succession.StartSuccessorAsync(oldPlan, input.ToSettings(), input.ItemIds);
        }

        var early = await Assert.ThrowsAsync<FieldRuleException>(() => StartAsync("DX推進計画", "平成31年度", "令和7年度", opendata));
        Assert.Equal(("StartYear", "後継計画の開始年度は、元の計画の開始年度（令和元年度）より後にしてください。"), (early.Field, early.Message));
        var sameName = await Assert.ThrowsAsync<FieldRuleException>(() => StartAsync("情報化基本計画", "令和4年度", "令和7年度"));
        Assert.Equal(("Name", "徳島市の計画「情報化基本計画」は既にあります。別の名前にしてください。"), (sameName.Field, sameName.Message));
        var backwards = Assert.Throws<FieldRuleException>(() => new SuccessorInput { Name = "x", StartYear = "令和7年度", EndYear = "令和4年度" }.ToSettings());
        Assert.Equal("EndYear", backwards.Field);

        var newPlan = await StartAsync("DX推進計画", "令和4年度", "令和7年度", opendata, sns);

        await using var check = database.CreateContext();
        var plan = await check.Plans.Include(p => p.Grades).Include(p => p.Policies).SingleAsync(p => p.Id == newPlan);
        Assert.Equal((oldPlan, "徳島市", 2022, 2025), (plan.PredecessorPlanId!.Value, plan.Municipality, plan.StartYear, plan.EndYear));
        Assert.Equal(["S", "A", "B", "C"], plan.Scale.Select(g => g.Code));
        Assert.Equal([1, 2], plan.Policies.OrderBy(p => p.SortOrder).Select(p => p.Number));
        var items = await check.ActionItems.Include(i => i.Departments).Include(i => i.Schedule).Include(i => i.Kpis).ThenInclude(k => k.Values)
            .Where(i => i.PlanId == newPlan).OrderBy(i => i.SortOrder).ToListAsync();
        Assert.Equal([("1", opendata), ("9", sns)], items.Select(i => (i.Number, i.PredecessorItemId!.Value)));
        Assert.DoesNotContain(items, i => i.PredecessorItemId == gis);
        var carried = items[0];
        Assert.Equal(("(1) 公開データ数の拡充を図る。", "行政の透明性の確保"), (carried.Content, carried.Goal));
        Assert.Single(carried.Departments);
        Assert.Equal([(2022, "運用")], carried.Schedule.Select(s => (s.FiscalYear, s.Phase)));
        var kpi = Assert.Single(carried.Kpis);
        Assert.Equal(("公開データセット数", "83件", 2020), (kpi.Name, kpi.BaselineText, kpi.BaselineYear));
        Assert.Equal([(2022, "200")], kpi.Values.Select(v => (v.FiscalYear, v.PlannedText)));
        Assert.Equal(plan.Policies.Single(p => p.Number == 2).Id, items[1].PolicyId);

        var newItemPage = await admin.Http.GetStringAsync($"/admin/plans/{Id(newPlan)}/items/{Id(carried.Id)}");
        Assert.Contains($"<a href=\"/plans/{Id(oldPlan)}/items/{Id(opendata)}\">情報化基本計画 No.1 オープンデータの推進</a>", newItemPage, StringComparison.Ordinal);
        var oldItemPage = await admin.Http.GetStringAsync($"/admin/plans/{Id(oldPlan)}/items/{Id(opendata)}");
        Assert.Contains($"<a href=\"/plans/{Id(newPlan)}/items/{Id(carried.Id)}\">DX推進計画 No.1 オープンデータの推進</a>", oldItemPage, StringComparison.Ordinal);
        var browse = await admin.Http.GetStringAsync($"/plans/{Id(newPlan)}/items/{Id(carried.Id)}");
        Assert.Contains("前計画「情報化基本計画」の No.1「オープンデータの推進」を引き継いでいます。", browse, StringComparison.Ordinal);
    }
}
