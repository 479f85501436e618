using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Admin.Plans;
using DxTracker.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Admin.Plans;

/// <summary>取組実績一覧（Excel）の取り込み through its handler, as the interactive page calls it.</summary>
public sealed class WorkbookImportTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;

    public Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        _ = factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private static WorkbookDestination NewPlan(string municipality, string start = "", string end = "") =>
        new(null, municipality, start.Length == 0 ? null : FiscalYear.Parse(start), end.Length == 0 ? null : FiscalYear.Parse(end));

    private static WorkbookDestination Existing(int planId) => new(planId, null, null, null);

    private async Task<WorkbookImportResult> PreviewAsync(byte[] workbook, WorkbookDestination destination)
    {
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");
        return await scope.Get<WorkbookImport>().PreviewAsync(workbook, destination);
    }

    private async Task<WorkbookImportResult> ImportAsync(byte[] workbook, WorkbookDestination destination)
    {
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");
        return await scope.Get<WorkbookImport>().ImportAsync(workbook, destination);
    }

    [Fact]
    public async Task Last_years_published_workbook_starts_a_plan_after_a_preview_and_a_second_import_changes_nothing()
    {
        var workbook = ResultsWorkbookReaderTests.Tokushima();

        var preview = await PreviewAsync(workbook, NewPlan("鳴門市", "令和元年度", "令和8年度"));
        var summary = preview.Summary!;
        Assert.Equal((true, "徳島市情報化基本計画", "鳴門市", "令和2年度"), (summary.PlanCreated, summary.PlanName, summary.Municipality, preview.Year?.Label));
        Assert.Contains("取組項目: 作成 27件、更新 0件", summary.Details);
        Assert.Equal(new ImportItemChange("1", "オープンデータの推進", ImportChange.Created, ImportChange.Created), summary.ItemChanges[0]);
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.Plans.AnyAsync(p => p.Municipality == "鳴門市"));
        }

        var imported = await ImportAsync(workbook, NewPlan("鳴門市", "令和元年度", "令和8年度"));
        var planId = imported.Summary!.PlanId;

        await using (var db = database.CreateContext())
        {
            var plan = await db.Plans.Include(p => p.Grades).Include(p => p.Years).SingleAsync(p => p.Id == planId);
            Assert.Equal(("鳴門市", "徳島市情報化基本計画", 2019, 2026), (plan.Municipality, plan.Name, plan.StartYear, plan.EndYear));
            Assert.Equal(["S", "A", "B", "C"], plan.Scale.Select(g => g.Code));
            var year = Assert.Single(plan.Years);
            Assert.Equal((2020, PlanYearState.Closed), (year.FiscalYear, year.State));
            Assert.StartsWith("全27の取組項目中、", year.Conclusion, StringComparison.Ordinal);
            Assert.Equal(27, await db.ActionItems.CountAsync(i => i.PlanId == planId));
            var ratings = await db.Evaluations.Where(e => e.PlanId == planId).GroupBy(e => e.SelfRating).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!, g => g.Count);
            Assert.Equal((3, 15, 9), (ratings["S"], ratings["A"], ratings["B"]));
            var kpi = await db.Kpis.Include(k => k.Values).SingleAsync(k => k.Name == "公開データセット数" && db.ActionItems.Any(i => i.Id == k.ItemId && i.PlanId == planId));
            Assert.Equal((160m, 83m), (kpi.Values.Single().PlannedValue!.Value, kpi.Values.Single().ActualValue!.Value));
            Assert.Equal("admin", (await db.AuditEntries.FirstAsync(a => a.PlanId == planId)).UserName);
        }

        Assert.True((await PreviewAsync(workbook, Existing(planId))).Summary!.Unchanged);
        Assert.True((await ImportAsync(workbook, Existing(planId))).Summary!.Unchanged);
        Assert.Contains(await PlansAsync(), p => p.Id == planId && p.Label == "鳴門市「徳島市情報化基本計画」（令和元年度～令和8年度）");
        await using var check = database.CreateContext();
        Assert.Equal(27, await check.ActionItems.CountAsync(i => i.PlanId == planId));
    }

    [Fact]
    public async Task Problems_are_reported_by_sheet_row_and_column_and_nothing_is_written()
    {
        var workbook = WorkbookEdits.SetText(ResultsWorkbookReaderTests.Tokushima(), "取組実績一覧", "E13", "Z");
        workbook = WorkbookEdits.SetText(workbook, "取組実績一覧", "C4", "(1) 拡充を図る。\n【目標】\n透明性の確保\n【公開データセット数：たくさん】");

        var preview = await PreviewAsync(workbook, NewPlan("小松島市", "2019", "2026"));
        Assert.False(preview.Succeeded);
        Assert.Contains(preview.Problems, p => p.Location?.ToString() == "取組実績一覧 シートの 13 行目 E 列" && p.Message == "評価「Z」はこの計画の評価区分（S、A、B、C）にありません。");
        Assert.Contains(preview.Problems, p => p.Location?.ToString() == "取組実績一覧 シートの 4 行目 C 列");
        Assert.Contains(preview.Problems, p => p.Message.Contains("「たくさん」は数値として読み取れません。", StringComparison.Ordinal));

        Assert.False((await ImportAsync(workbook, NewPlan("小松島市", "2019", "2026"))).Succeeded);
        var noPeriod = await PreviewAsync(ResultsWorkbookReaderTests.Tokushima(), NewPlan("小松島市"));
        Assert.Contains("計画期間の開始年度と終了年度を入力してください", Assert.Single(noPeriod.Problems).Message, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.False(await db.Plans.AnyAsync(p => p.Municipality == "小松島市"));
    }

    [Fact]
    public async Task A_closed_year_of_an_existing_plan_stays_as_published()
    {
        int demoPlan;
        await using (var db = database.CreateContext())
        {
            demoPlan = (await db.Plans.SingleAsync(p => p.Name == DemoData.PlanName && p.Municipality == DemoData.Municipality)).Id;
        }
        Assert.True((await PreviewAsync(ResultsWorkbookReaderTests.Tokushima(), Existing(demoPlan))).Succeeded);

        var changed = WorkbookEdits.SetText(ResultsWorkbookReaderTests.Tokushima(), "取組実績一覧", "E4", "S");
        var result = await ImportAsync(changed, Existing(demoPlan));

        Assert.Contains(result.Problems, p => p.Location?.ToString() == "取組実績一覧 シートの 4 行目 A 列" && p.Message.Contains("令和2年度は確定済みのため、ファイルの内容で変更できません", StringComparison.Ordinal));
        await using var check = database.CreateContext();
        Assert.Equal("B", await check.Evaluations.Where(e => e.PlanId == demoPlan && e.FiscalYear == 2020 && check.ActionItems.Any(i => i.Id == e.ItemId && i.Number == "1")).Select(e => e.SelfRating).SingleAsync());
    }

    private async Task<IReadOnlyList<WorkbookPlan>> PlansAsync()
    {
        await using var scope = await HandlerScope.ForAsync(factory.Services, "admin");
        return await scope.Get<WorkbookImport>().PlansAsync();
    }
}
