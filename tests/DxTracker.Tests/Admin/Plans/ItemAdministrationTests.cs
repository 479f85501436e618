using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Admin.Plans;
using Microsoft.EntityFrameworkCore;
using static DxTracker.Tests.Admin.Plans.PlanAdminSteps;

namespace DxTracker.Tests.Admin.Plans;

public sealed class ItemAdministrationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
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

    private async Task<uint> VersionAsync(int itemId)
    {
        await using var db = database.CreateContext();
        return (await db.ActionItems.SingleAsync(i => i.Id == itemId)).Version;
    }

    private async Task<(int PlanId, int PolicyId)> PlanWithPolicyAsync(string name)
    {
        var planId = await admin.CreatePlanAsync(name, "令和4年度", "令和7年度");
        await admin.AddPolicyAsync(planId, 1, "ICTを活用した地域活性化");
        await using var db = database.CreateContext();
        return (planId, (await db.Policies.SingleAsync(p => p.PlanId == planId)).Id);
    }

    private async Task<int> DepartmentIdAsync(string name)
    {
        await using var db = database.CreateContext();
        return (await db.Departments.SingleAsync(d => d.Name == name)).Id;
    }

    [Fact]
    public async Task An_item_gets_every_field_its_departments_and_a_schedule_shown_as_a_table()
    {
        var (planId, policyId) = await PlanWithPolicyAsync("スケジュール計画");
        var itemId = await admin.AddItemAsync(planId, policyId, "1", "沿道のフリーWi-Fi", "(1) 地域BWAを活用する。", "観光分野のデジタル化");
        var duplicate = await Assert.ThrowsAsync<FieldRuleException>(() => admin.AddItemAsync(planId, policyId, "1", "重複"));
        Assert.Equal(("Number", "No.1 はこの計画に既にあります。番号が重複しないようにしてください。"), (duplicate.Field, duplicate.Message));

        var version = await VersionAsync(itemId);
        var details = new ItemInput
        {
            PolicyId = policyId, Number = "1", SortOrder = "１", Title = "沿道のフリーWi-Fi", Content = "(1) 地域BWAを活用する。\n(2) 散策マップを提供する。",
            Goal = "観光分野のデジタル化", Overview = "概要です", Purpose = "目的です", Outcome = "成果目標です",
        };
        await admin.Items.UpdateAsync(planId, itemId, details.ToDetails(1), version);
        var stale = new ItemInput { PolicyId = policyId, Number = "1", Title = "古い画面から" };
        var conflict = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Items.UpdateAsync(planId, itemId, stale.ToDetails(null), version));
        Assert.StartsWith("ほかの人がこの内容を先に更新しました。", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("名称：保存されている内容「沿道のフリーWi-Fi」／あなたの入力「古い画面から」", conflict.Message, StringComparison.Ordinal);

        var digital = await DepartmentIdAsync("デジタル推進課");
        var housing = await DepartmentIdAsync("住宅課");
        await admin.Items.SetDepartmentsAsync(planId, itemId, [(housing, DepartmentRole.Related), (digital, DepartmentRole.Lead)]);
        await admin.Items.SetScheduleAsync(planId, itemId, new Dictionary<int, string?> { [2022] = "研究", [2023] = "", [2024] = "導入", [2025] = "運用" });

        var unknownPhase = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Items.SetScheduleAsync(planId, itemId, new Dictionary<int, string?> { [2022] = "拡大", [2025] = "" }));
        Assert.Equal("令和4年度の段階「拡大」はこの計画の段階（研究、検討、実証、導入、運用、拡充）にありません。", unknownPhase.Message);
        var outside = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Items.SetScheduleAsync(planId, itemId, new Dictionary<int, string?> { [2026] = "運用" }));
        Assert.Equal("スケジュールの令和8年度は計画期間（令和4年度～令和7年度）の外です。", outside.Message);

        await using var db = database.CreateContext();
        var item = await db.ActionItems.Include(i => i.Departments).Include(i => i.Schedule).SingleAsync(i => i.Id == itemId);
        Assert.Equal(("概要です", "目的です", "成果目標です"), (item.Overview, item.Purpose, item.Outcome));
        Assert.Equal("(1) 地域BWAを活用する。\n(2) 散策マップを提供する。", item.Content);
        Assert.Equal([(digital, DepartmentRole.Lead), (housing, DepartmentRole.Related)], item.Departments.OrderBy(d => d.SortOrder).Select(d => (d.DepartmentId, d.Role)));
        Assert.Equal([(2022, "研究"), (2024, "導入"), (2025, "運用")], item.Schedule.OrderBy(s => s.FiscalYear).Select(s => (s.FiscalYear, s.Phase)));

        var table = await admin.Http.GetStringAsync($"/admin/plans/{Id(planId)}/items");
        Assert.Contains("<th scope=\"col\" class=\"whitespace-nowrap text-center\">令和6年度</th>", table, StringComparison.Ordinal);
        Assert.Matches("沿道のフリーWi-Fi</a></td>\\s*<td>デジタル推進課、住宅課（関係）</td>\\s*<td class=\"whitespace-nowrap\">実施中</td>\\s*<td[^>]*>\\s*研究", table);
    }

    [Fact]
    public async Task The_period_must_still_hold_the_schedule_and_a_phase_in_use_stays()
    {
        var (planId, policyId) = await PlanWithPolicyAsync("期間変更計画");
        var itemId = await admin.AddItemAsync(planId, policyId, "1", "ドローンの活用");
        await admin.Items.SetScheduleAsync(planId, itemId, new Dictionary<int, string?> { [2025] = "実証" });
        async Task<PlanSettingsInput> Settings(string end, string phases)
        {
            var input = PlanSettingsInput.From(await admin.Plans.GetAsync(planId));
            (input.EndYear, input.Phases) = (end, phases);
            return input;
        }
        Task SaveAsync(PlanSettingsInput input) => admin.Plans.UpdateAsync(planId, input.ToSettings(), input.Version);

        var shorter = await Assert.ThrowsAsync<FieldRuleException>(async () => await SaveAsync(await Settings("令和6年度", "研究、検討、実証、導入、運用、拡充")));
        Assert.Equal(("EndYear", "計画期間を令和4年度～令和6年度にすると、No.1 のスケジュール（令和7年度「実証」）が期間の外になります。先にそのデータを変更するか、それを含む期間にしてください。"), (shorter.Field, shorter.Message));
        var phaseRemoved = await Assert.ThrowsAsync<FieldRuleException>(async () => await SaveAsync(await Settings("令和7年度", "研究、検討、導入、運用")));
        Assert.Equal("Phases", phaseRemoved.Field);
        Assert.StartsWith("段階「実証」は No.1 の令和7年度などのスケジュールで使われているため、削除できません。", phaseRemoved.Message, StringComparison.Ordinal);
        await admin.Items.SetScheduleAsync(planId, itemId, new Dictionary<int, string?> { [2025] = "" });
        var kpiId = await admin.Kpis.AddAsync(planId, itemId, new KpiInput { Name = "ドローン飛行回数", Unit = "回" }.ToDetails(), null);
        Assert.Empty(await admin.SetPlannedAsync(planId, itemId, kpiId, (2025, "１２回")));
        var kpiOutside = await Assert.ThrowsAsync<FieldRuleException>(async () => await SaveAsync(await Settings("令和6年度", "研究、検討、実証、導入、運用、拡充")));
        Assert.Equal("EndYear", kpiOutside.Field);
        Assert.StartsWith("計画期間を令和4年度～令和6年度にすると、No.1 の指標「ドローン飛行回数」の令和7年度の予定・実績が期間の外になります。", kpiOutside.Message, StringComparison.Ordinal);
        await SaveAsync(await Settings("令和9年度", "研究、検討、実証、導入準備、導入、運用"));

        await using var db = database.CreateContext();
        var plan = await db.Plans.SingleAsync(p => p.Id == planId);
        Assert.Equal((2022, 2027), (plan.StartYear, plan.EndYear));
        Assert.Contains("導入準備", plan.Phases);
    }

    [Fact]
    public async Task The_reason_of_a_completion_or_a_merge_is_kept_and_the_merge_note_is_on_both_items()
    {
        var (planId, policyId) = await PlanWithPolicyAsync("移行理由計画");
        var done = await admin.AddItemAsync(planId, policyId, "1", "窓口予約");
        var merged = await admin.AddItemAsync(planId, policyId, "2", "河川監視");
        var target = await admin.AddItemAsync(planId, policyId, "3", "防災情報の一元化");

        await admin.Items.ChangeStatusAsync(planId, done, ItemStatus.Completed, new FiscalYear(2023), "全窓口で予約を開始したため。", null, await VersionAsync(done));
        await admin.Items.ChangeStatusAsync(planId, merged, ItemStatus.Merged, new FiscalYear(2024), "防災情報の取組にまとめるため。", target, await VersionAsync(merged));

        await using (var db = database.CreateContext())
        {
            var reasons = await db.ActionItems.Where(i => i.Id == done || i.Id == merged).OrderBy(i => i.SortOrder).Select(i => i.StatusReason).ToListAsync();
            Assert.Equal(["全窓口で予約を開始したため。", "防災情報の取組にまとめるため。"], reasons);
        }
        var mergedPage = await admin.Http.GetStringAsync($"/plans/{Id(planId)}/items/{Id(merged)}");
        Assert.Contains("防災情報の取組にまとめるため。", mergedPage, StringComparison.Ordinal);
        Assert.Contains("No.3「防災情報の一元化」", mergedPage, StringComparison.Ordinal);
        var targetPage = await admin.Http.GetStringAsync($"/plans/{Id(planId)}/items/{Id(target)}");
        Assert.Contains("他の項目から移行した取組を含みます", targetPage, StringComparison.Ordinal);
        Assert.Contains("No.2「河川監視」", targetPage, StringComparison.Ordinal);
        Assert.Contains("（令和6年度から）", targetPage, StringComparison.Ordinal);
        Assert.Contains("理由：防災情報の取組にまとめるため。", targetPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lifecycle_keeps_history_stops_later_evaluations_and_leaves_closed_years_alone()
    {
        var (planId, policyId) = await PlanWithPolicyAsync("ライフサイクル計画");
        var done = await admin.AddItemAsync(planId, policyId, "1", "移住・定住情報サイト");
        var dropped = await admin.AddItemAsync(planId, policyId, "2", "防犯カメラ");
        var merged = await admin.AddItemAsync(planId, policyId, "3", "河川監視");
        var target = await admin.AddItemAsync(planId, policyId, "4", "情報の一元化");
        foreach (var _ in new[] { 2022, 2023, 2024 })
        {
            await admin.Succession.OpenNextYearAsync(planId);
        }
        await using (var db = database.CreateContext())
        {
            var plan = await db.Plans.Include(p => p.Years).Include(p => p.Grades).SingleAsync(p => p.Id == planId);
            var evaluation = new YearlyEvaluation(planId, target, new FiscalYear(2022));
            evaluation.ImportApproved(plan, "A", null, null, DateTimeOffset.UtcNow);
            db.Evaluations.Add(evaluation);
            var draft = new YearlyEvaluation(planId, target, new FiscalYear(2023));
            db.Evaluations.Add(draft);
            await db.SaveChangesAsync();
            draft.ImportInProgress(plan, EvaluationStatus.Draft, "B", null, DateTimeOffset.UtcNow);
            plan.Years.Single(y => y.FiscalYear == 2022).Close();
            await db.SaveChangesAsync();
        }

        async Task Status(int item, ItemStatus status, string year, string reason = "", int? target = null) =>
            await admin.Items.ChangeStatusAsync(planId, item, status, new StatusInput { Year = year }.ParsedYear(), reason, target, await VersionAsync(item));
        async Task<FieldRuleException> Refused(int item, ItemStatus status, string year, string reason = "", int? target = null) =>
            await Assert.ThrowsAsync<FieldRuleException>(() => Status(item, status, year, reason, target));

        await admin.Items.SetDepartmentsAsync(planId, done, [(await DepartmentIdAsync("総務課"), DepartmentRole.Lead)]);
        await Status(done, ItemStatus.Completed, "令和5年度");
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/plans/{Id(planId)}/items/{Id(done)}/years/2023/entry")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/plans/{Id(planId)}/items/{Id(done)}/years/2024/entry")).StatusCode);

        var noReason = await Refused(dropped, ItemStatus.Deleted, "2023", " ");
        Assert.Equal(("Reason", "削除の理由を入力してください。"), (noReason.Field, noReason.Message));
        var intoClosedYear = await Refused(dropped, ItemStatus.Deleted, "2022", "事業終了");
        Assert.Equal("Year", intoClosedYear.Field);
        Assert.StartsWith("令和4年度は確定済みのため、その年度の報告が変わる変更はできません。", intoClosedYear.Message, StringComparison.Ordinal);
        await Status(dropped, ItemStatus.Deleted, "2023", "前倒しにて整備完了したため削除。");

        var self = await Refused(merged, ItemStatus.Merged, "2024", target: merged);
        Assert.Equal(("MergeTargetId", "項目を自分自身に統合することはできません。"), (self.Field, self.Message));
        var intoFinished = await Refused(merged, ItemStatus.Merged, "2024", target: done);
        Assert.Equal(("MergeTargetId", "統合先の No.1 は令和6年度に実施中ではありません（令和5年度完了）。"), (intoFinished.Field, intoFinished.Message));
        await Status(merged, ItemStatus.Merged, "2024", target: target);

        var written = await Refused(target, ItemStatus.Abolished, "2022");
        Assert.StartsWith("令和5年度の評価が既に入力されているため、その年度を評価の対象外にはできません。", written.Message, StringComparison.Ordinal);
        var stale = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Items.ChangeStatusAsync(planId, target, ItemStatus.Completed, new FiscalYear(2025), "", null, 1));
        Assert.Contains("状態：保存されている内容「実施中」／あなたの入力「令和7年度完了」", stale.Message, StringComparison.Ordinal);

        await using var check = database.CreateContext();
        var items = await check.ActionItems.Where(i => i.PlanId == planId).ToDictionaryAsync(i => i.Id);
        Assert.Equal((ItemStatus.Completed, 2023), (items[done].Status, items[done].StatusYear));
        Assert.Equal((ItemStatus.Deleted, 2023, "前倒しにて整備完了したため削除。"), (items[dropped].Status, items[dropped].StatusYear, items[dropped].StatusReason));
        Assert.Equal((ItemStatus.Merged, 2024, target), (items[merged].Status, items[merged].StatusYear, items[merged].MergedIntoItemId));
        Assert.Equal(ItemStatus.Active, items[target].Status);
        var active2024 = await check.ActionItems.Where(i => i.PlanId == planId).Where(ActionItem.ActiveIn(2024)).Select(i => i.Number).OrderBy(n => n).ToListAsync();
        Assert.Equal(["4"], active2024);
        var active2022 = await check.ActionItems.Where(i => i.PlanId == planId).Where(ActionItem.ActiveIn(2022)).CountAsync();
        Assert.Equal(4, active2022);
        var history = await check.AuditEntries.Where(a => a.ItemId == done && a.Field == "Status").Select(a => a.NewValue).ToListAsync();
        Assert.Contains("Completed", history);
    }
}
