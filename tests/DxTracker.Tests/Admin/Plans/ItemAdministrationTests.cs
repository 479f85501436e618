using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using static DxTracker.Tests.Admin.Plans.PlanAdminClient;

namespace DxTracker.Tests.Admin.Plans;

public sealed class ItemAdministrationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private PlanAdminClient admin = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        admin = await SignInAsync(factory);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

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
        var page = $"/admin/plans/{Id(planId)}/items/{Id(itemId)}";
        var duplicate = await admin.RefusedAsync($"/admin/plans/{Id(planId)}/items", "add-item", ("Input.PolicyId", Id(policyId)), ("Input.Number", "1"), ("Input.Title", "重複"));
        Assert.Contains("id=\"item-number-error\">No.1 はこの計画に既にあります。", duplicate, StringComparison.Ordinal);

        var html = await admin.Http.GetStringAsync(page);
        var version = Version(html, "Details.Version");
        await admin.SucceedAsync(page, "details",
            ("Details.Version", version), ("Details.PolicyId", Id(policyId)), ("Details.Number", "1"), ("Details.SortOrder", "１"),
            ("Details.Title", "沿道のフリーWi-Fi"), ("Details.Content", "(1) 地域BWAを活用する。\n(2) 散策マップを提供する。"), ("Details.Goal", "観光分野のデジタル化"),
            ("Details.Overview", "概要です"), ("Details.Purpose", "目的です"), ("Details.Outcome", "成果目標です"));
        var stale = await admin.RefusedAsync(page, "details",
            ("Details.Version", version), ("Details.PolicyId", Id(policyId)), ("Details.Number", "1"), ("Details.Title", "古い画面から"));
        Assert.Contains("ほかの人がこの内容を先に更新しました。", stale, StringComparison.Ordinal);

        var digital = await DepartmentIdAsync("デジタル推進課");
        var housing = await DepartmentIdAsync("住宅課");
        await admin.SucceedAsync(page, "departments", ($"role-{Id(housing)}", "Related"), ($"role-{Id(digital)}", "Lead"));
        await admin.SucceedAsync(page, "schedule", ("phase-2022", "研究"), ("phase-2023", ""), ("phase-2024", "導入"), ("phase-2025", "運用"));

        var unknownPhase = await admin.RefusedAsync(page, "schedule", ("phase-2022", "拡大"), ("phase-2025", ""));
        Assert.Contains("令和4年度の段階「拡大」はこの計画の段階（研究、検討、実証、導入、運用、拡充）にありません。", unknownPhase, StringComparison.Ordinal);
        var outside = await admin.RefusedAsync(page, "schedule", ("phase-2026", "運用"));
        Assert.Contains("スケジュールの令和8年度は計画期間（令和4年度～令和7年度）の外です。", outside, StringComparison.Ordinal);

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
        await admin.SucceedAsync($"/admin/plans/{Id(planId)}/items/{Id(itemId)}", "schedule", ("phase-2025", "実証"));
        var page = $"/admin/plans/{Id(planId)}";
        var version = Version(await admin.Http.GetStringAsync(page), "Input.Version");
        (string, string)[] Settings(string end, string phases) =>
        [
            ("Input.Version", version), ("Input.Name", "期間変更計画"), ("Input.Municipality", "津島市"), ("Input.StartYear", "令和4年度"), ("Input.EndYear", end),
            ("Input.PolicyLabel", "取組方針"), ("Input.CategoryLabel", "取組"), ("Input.ItemLabel", "取組項目"), ("Input.Rounding", "HalfUpEach"), ("Input.Phases", phases),
        ];

        var shorter = await admin.RefusedAsync(page, "settings", Settings("令和6年度", "研究、検討、実証、導入、運用、拡充"));
        Assert.Contains("id=\"plan-end-error\">計画期間を令和4年度～令和6年度にすると、No.1 のスケジュール（令和7年度「実証」）が期間の外になります。", shorter, StringComparison.Ordinal);
        var phaseRemoved = await admin.RefusedAsync(page, "settings", Settings("令和7年度", "研究、検討、導入、運用"));
        Assert.Contains("id=\"plan-phases-error\">段階「実証」は No.1 の令和7年度などのスケジュールで使われているため、削除できません。", phaseRemoved, StringComparison.Ordinal);
        await admin.SucceedAsync(page, "settings", Settings("令和9年度", "研究、検討、実証、導入準備、導入、運用"));

        await using var db = database.CreateContext();
        var plan = await db.Plans.SingleAsync(p => p.Id == planId);
        Assert.Equal((2022, 2027), (plan.StartYear, plan.EndYear));
        Assert.Contains("導入準備", plan.Phases);
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
            await admin.SucceedAsync($"/admin/plans/{Id(planId)}/years", "open-next");
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

        string Page(int item) => $"/admin/plans/{Id(planId)}/items/{Id(item)}";
        async Task<string> StatusVersion(int item) => Version(await admin.Http.GetStringAsync(Page(item)), "Status.Version");

        await admin.SucceedAsync(Page(done), "departments", ($"role-{Id(await DepartmentIdAsync("総務課"))}", "Lead"));
        await admin.SucceedAsync(Page(done), "status", ("Status.Version", await StatusVersion(done)), ("Status.Status", "Completed"), ("Status.Year", "令和5年度"));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/plans/{Id(planId)}/items/{Id(done)}/years/2023/entry")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/plans/{Id(planId)}/items/{Id(done)}/years/2024/entry")).StatusCode);

        var noReason = await admin.RefusedAsync(Page(dropped), "status", ("Status.Version", await StatusVersion(dropped)), ("Status.Status", "Deleted"), ("Status.Year", "2023"), ("Status.Reason", " "));
        Assert.Contains("id=\"status-reason-error\">削除の理由を入力してください。", noReason, StringComparison.Ordinal);
        var intoClosedYear = await admin.RefusedAsync(Page(dropped), "status", ("Status.Version", await StatusVersion(dropped)), ("Status.Status", "Deleted"), ("Status.Year", "2022"), ("Status.Reason", "事業終了"));
        Assert.Contains("id=\"status-year-error\">令和4年度は確定済みのため、その年度の報告が変わる変更はできません。", intoClosedYear, StringComparison.Ordinal);
        await admin.SucceedAsync(Page(dropped), "status", ("Status.Version", await StatusVersion(dropped)), ("Status.Status", "Deleted"), ("Status.Year", "2023"), ("Status.Reason", "前倒しにて整備完了したため削除。"));

        var self = await admin.RefusedAsync(Page(merged), "status", ("Status.Version", await StatusVersion(merged)), ("Status.Status", "Merged"), ("Status.Year", "2024"), ("Status.MergeTargetId", Id(merged)));
        Assert.Contains("id=\"status-target-error\">項目を自分自身に統合することはできません。", self, StringComparison.Ordinal);
        var intoFinished = await admin.RefusedAsync(Page(merged), "status", ("Status.Version", await StatusVersion(merged)), ("Status.Status", "Merged"), ("Status.Year", "2024"), ("Status.MergeTargetId", Id(done)));
        Assert.Contains("統合先の No.1 は令和6年度に実施中ではありません（令和5年度完了）。", intoFinished, StringComparison.Ordinal);
        await admin.SucceedAsync(Page(merged), "status", ("Status.Version", await StatusVersion(merged)), ("Status.Status", "Merged"), ("Status.Year", "2024"), ("Status.MergeTargetId", Id(target)));

        var written = await admin.RefusedAsync(Page(target), "status", ("Status.Version", await StatusVersion(target)), ("Status.Status", "Abolished"), ("Status.Year", "2022"));
        Assert.Contains("令和5年度の評価が既に入力されているため、その年度を評価の対象外にはできません。", written, StringComparison.Ordinal);

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

    private static string Version(string html, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"name=\"{System.Text.RegularExpressions.Regex.Escape(name)}\" value=\"(\\d+)\"");
        Assert.True(match.Success, $"No {name} in the page.");
        return match.Groups[1].Value;
    }
}
