using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Admin.Plans;
using Microsoft.EntityFrameworkCore;
using static DxTracker.Tests.Admin.Plans.PlanAdminClient;

namespace DxTracker.Tests.Admin.Plans;

public sealed class KpiAndScaleTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private PlanAdminClient admin = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        admin = await SignInAsync(factory);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private async Task<(int PlanId, int ItemId)> ItemAsync(string planName)
    {
        var planId = await admin.CreatePlanAsync(planName, "令和元年度", "令和5年度", "吹田市");
        await admin.AddPolicyAsync(planId, 1, "市民サービスの向上");
        await using var db = database.CreateContext();
        var policyId = (await db.Policies.SingleAsync(p => p.PlanId == planId)).Id;
        return (planId, await admin.AddItemAsync(planId, policyId, "1", "オープンデータの推進"));
    }

    private static string Kpis(int planId, int itemId) => $"/admin/plans/{Id(planId)}/items/{Id(itemId)}/kpis";

    private async Task<Kpi> KpiAsync(int itemId, string name)
    {
        await using var db = database.CreateContext();
        return await db.Kpis.Include(k => k.Values).SingleAsync(k => k.ItemId == itemId && k.Name == name);
    }

    [Fact]
    public async Task KPIs_get_unit_direction_baseline_and_planned_values_for_every_year_in_one_grid()
    {
        var (planId, itemId) = await ItemAsync("指標計画");
        var page = Kpis(planId, itemId);
        await admin.SucceedAsync(page, "add-kpi", ("Input.Name", "公開ファイル数"), ("Input.Unit", "件"), ("Input.Direction", "HigherIsBetter"), ("Input.Baseline", "７７５件"), ("Input.BaselineYear", "平成30年度"));
        await admin.SucceedAsync(page, "add-kpi", ("Input.Name", "処理時間"), ("Input.Unit", "時間"), ("Input.Direction", "LowerIsBetter"));
        var duplicate = await admin.RefusedAsync(page, "add-kpi", ("Input.Name", "公開ファイル数"), ("Input.Unit", "件"));
        Assert.Contains("id=\"new-kpi-name-error\">指標「公開ファイル数」はこの項目に既にあります。", duplicate, StringComparison.Ordinal);

        var files = await KpiAsync(itemId, "公開ファイル数");
        var hours = await KpiAsync(itemId, "処理時間");
        Assert.Equal((775m, "７７５件", 2018, KpiDirection.HigherIsBetter), (files.BaselineValue, files.BaselineText, files.BaselineYear, files.Direction));
        Assert.Equal(KpiDirection.LowerIsBetter, hours.Direction);

        var bad = await admin.RefusedAsync(page, "planned",
            (KpiPage.CellName(files.Id, 2019), "９００"), (KpiPage.CellName(files.Id, 2020), "たくさん"), (KpiPage.CellName(hours.Id, 2019), "1,200時間"));
        Assert.Contains($"id=\"{KpiPage.CellName(files.Id, 2020)}-error\">令和2年度: 「たくさん」は数値として読み取れません。", bad, StringComparison.Ordinal);
        Assert.Empty((await KpiAsync(itemId, "公開ファイル数")).Values);

        await admin.SucceedAsync(page, "planned",
            (KpiPage.CellName(files.Id, 2019), "９００"), (KpiPage.CellName(files.Id, 2020), "１,０００件"), (KpiPage.CellName(files.Id, 2021), "1100"),
            (KpiPage.CellName(hours.Id, 2019), "1,200時間"), (KpiPage.CellName(hours.Id, 2023), "▲5"));
        files = await KpiAsync(itemId, "公開ファイル数");
        Assert.Equal([(2019, 900m, "９００"), (2020, 1000m, "１,０００件"), (2021, 1100m, "1100")],
            files.Values.OrderBy(v => v.FiscalYear).Select(v => (v.FiscalYear, v.PlannedValue!.Value, v.PlannedText)));
        hours = await KpiAsync(itemId, "処理時間");
        Assert.Equal(-5m, hours.Values.Single(v => v.FiscalYear == 2023).PlannedValue);

        var edit = await admin.SucceedAsync(page, $"kpi-{Id(files.Id)}", ("Version", files.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Name", "オープンデータ公開ファイル数"), ("Unit", "件"), ("Direction", "HigherIsBetter"), ("Baseline", "775件"), ("BaselineYear", "2018"));
        Assert.EndsWith("done=saved", edit, StringComparison.Ordinal);
        var stale = await admin.RefusedAsync(page, $"kpi-{Id(files.Id)}", ("Version", files.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Name", "古い画面"), ("Unit", "件"), ("Direction", "HigherIsBetter"));
        Assert.Contains("ほかの人がこの内容を先に更新しました。", stale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_KPI_is_replaced_from_a_year_and_the_old_one_stays_for_the_years_it_applied_to()
    {
        var (planId, itemId) = await ItemAsync("置き換え計画");
        var page = Kpis(planId, itemId);
        await admin.SucceedAsync(page, "add-kpi", ("Input.Name", "システム利用率"), ("Input.Unit", "%"));
        var old = await KpiAsync(itemId, "システム利用率");
        await admin.SucceedAsync(page, "planned",
            (KpiPage.CellName(old.Id, 2019), "20%"), (KpiPage.CellName(old.Id, 2020), "30%"), (KpiPage.CellName(old.Id, 2021), "40%"), (KpiPage.CellName(old.Id, 2022), "50%"));
        await using (var db = database.CreateContext())
        {
            var tracked = await db.Kpis.Include(k => k.Values).SingleAsync(k => k.Id == old.Id);
            tracked.SetActual(new FiscalYear(2019), KpiValueText.Parse("18.5%"));
            await db.SaveChangesAsync();
        }
        old = await KpiAsync(itemId, "システム利用率");
        var version = old.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var atStart = await admin.RefusedAsync(page, $"replace-{Id(old.Id)}", ("Version", version), ("FromYear", "令和元年度"), ("Name", "電子化率"), ("Unit", "%"));
        Assert.Contains("置き換える年度は、計画の初年度（令和元年度）より後にしてください。", atStart, StringComparison.Ordinal);
        var outside = await admin.RefusedAsync(page, $"replace-{Id(old.Id)}", ("Version", version), ("FromYear", "令和9年度"), ("Name", "電子化率"), ("Unit", "%"));
        Assert.Contains($"id=\"replace-{Id(old.Id)}-from-error\">置き換える年度の令和9年度は計画期間（令和元年度～令和5年度）の外です。", outside, StringComparison.Ordinal);
        var measured = await admin.RefusedAsync(page, $"replace-{Id(old.Id)}", ("Version", version), ("FromYear", "2019"), ("Name", "電子化率"), ("Unit", "%"));
        Assert.Contains("置き換える年度は、計画の初年度", measured, StringComparison.Ordinal);
        await admin.SucceedAsync(page, $"replace-{Id(old.Id)}", ("Version", version), ("FromYear", "令和4年度"), ("Name", "電子化率"), ("Unit", "%"), ("Direction", "HigherIsBetter"));

        old = await KpiAsync(itemId, "システム利用率");
        var next = await KpiAsync(itemId, "電子化率");
        Assert.Equal((null, 2021, next.Id), (old.FromYear, old.ToYear, old.ReplacedByKpiId));
        Assert.Equal((2022, (int?)null), (next.FromYear, next.ToYear));
        Assert.Equal([2019, 2020, 2021], old.Values.Select(v => v.FiscalYear).Order());
        Assert.Equal(18.5m, old.Values.Single(v => v.FiscalYear == 2019).ActualValue);

        var html = await admin.Http.GetStringAsync(page);
        Assert.Contains($"name=\"{KpiPage.CellName(next.Id, 2022)}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"{KpiPage.CellName(old.Id, 2022)}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"{KpiPage.CellName(next.Id, 2021)}\"", html, StringComparison.Ordinal);
        Assert.Contains("（令和4年度から「電子化率」に置き換え）", html, StringComparison.Ordinal);

        // A replaced indicator offers no replace form any more; a hand-made post is refused all the same.
        await admin.RefusedAsync(page, $"replace-{Id(old.Id)}", ("Version", old.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("FromYear", "令和5年度"), ("Name", "三つ目"));
        Assert.Equal(2, await CountKpisAsync(itemId));
        var delete = await admin.RefusedAsync(page, $"kpi-{Id(old.Id)}", ("Version", old.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Delete", "true"), ("Name", old.Name));
        Assert.Contains("指標「システム利用率」には実績値が入力されているため、削除できません。", delete, StringComparison.Ordinal);
    }

    private async Task<int> CountKpisAsync(int itemId)
    {
        await using var db = database.CreateContext();
        return await db.Kpis.CountAsync(k => k.ItemId == itemId);
    }

    [Fact]
    public async Task Planned_values_of_a_closed_year_stay_as_reported()
    {
        var (planId, itemId) = await ItemAsync("確定年度計画");
        var page = Kpis(planId, itemId);
        await admin.SucceedAsync(page, "add-kpi", ("Input.Name", "閲覧者数"), ("Input.Unit", "人"));
        var kpi = await KpiAsync(itemId, "閲覧者数");
        await admin.SucceedAsync(page, "planned", (KpiPage.CellName(kpi.Id, 2019), "14,000人"));
        await admin.SucceedAsync($"/admin/plans/{Id(planId)}/years", "open-next");
        await using (var db = database.CreateContext())
        {
            (await db.PlanYears.SingleAsync(y => y.PlanId == planId && y.FiscalYear == 2019)).Close();
            await db.SaveChangesAsync();
        }

        var refused = await admin.RefusedAsync(page, "planned", (KpiPage.CellName(kpi.Id, 2019), "15,000人"), (KpiPage.CellName(kpi.Id, 2020), "15,500人"));
        Assert.Contains("令和元年度は確定済みのため、予定値を変更できません。", refused, StringComparison.Ordinal);
        Assert.Equal(["14,000人"], (await KpiAsync(itemId, "閲覧者数")).Values.Select(v => v.PlannedText));
        await admin.SucceedAsync(page, "planned", (KpiPage.CellName(kpi.Id, 2019), "14,000人"), (KpiPage.CellName(kpi.Id, 2020), "15,500人"));
        Assert.Equal(2, (await KpiAsync(itemId, "閲覧者数")).Values.Count);
    }

    [Fact]
    public async Task A_scale_is_edited_freely_until_used_then_keeps_every_used_grade()
    {
        var (planId, itemId) = await ItemAsync("評価区分計画");
        var page = $"/admin/plans/{Id(planId)}/scale";
        await admin.SucceedAsync(page, "template-progress-outcomes");
        await using (var db = database.CreateContext())
        {
            var plan = await db.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == planId);
            Assert.Equal(["◎", "○", "△", "×"], plan.Scale.Select(g => g.Code));
            Assert.Equal(["完了", "廃止"], plan.OutcomeMarks.Select(g => g.Code));
        }
        await admin.SucceedAsync(page, "template-sabc");

        await admin.SucceedAsync(page, "scale", ("rows", "6"),
            ("order-1", "1"), ("kind-1", "Grade"), ("code-1", "S"), ("label-1", "順調"), ("definition-1", "目標や計画を上回る達成状況であった。"),
            ("order-2", "2"), ("kind-2", "Grade"), ("code-2", "A"), ("definition-2", "目標や計画どおりの達成状況であった。"),
            ("order-3", "3"), ("kind-3", "Grade"), ("code-3", "B"), ("definition-3", "目標や計画を下回る達成状況であった。"),
            ("order-4", "4"), ("kind-4", "Grade"), ("code-4", "C"), ("definition-4", "未実施。"), ("remove-4", "true"),
            ("order-5", "9"), ("kind-5", "OutcomeMark"), ("code-5", "完"), ("definition-5", "取組が完了した。"));
        await using (var db = database.CreateContext())
        {
            var plan = await db.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == planId);
            Assert.Equal(["S", "A", "B"], plan.Scale.Select(g => g.Code));
            Assert.Equal("順調", plan.Scale[0].Label);
            Assert.Equal(["完"], plan.OutcomeMarks.Select(g => g.Code));
            var evaluation = new YearlyEvaluation(planId, itemId, new FiscalYear(2019));
            evaluation.ImportApproved(plan, "B", null, null, DateTimeOffset.UtcNow);
            db.Evaluations.Add(evaluation);
            await db.SaveChangesAsync();
        }

        var html = await admin.Http.GetStringAsync(page);
        Assert.Contains("この計画の区分は入力済みの評価で使われています。", html, StringComparison.Ordinal);
        var removeUsed = await admin.RefusedAsync(page, "scale", ("rows", "3"),
            ("order-1", "1"), ("code-1", "S"), ("definition-1", "上回った。"),
            ("order-2", "2"), ("code-2", "A"), ("definition-2", "計画どおり。"),
            ("order-3", "3"), ("code-3", "B"), ("definition-3", "下回った。"), ("remove-3", "true"));
        Assert.Contains("評価区分「B」は入力済みの評価で使われているため、削除できません", removeUsed, StringComparison.Ordinal);
        var renameUsed = await admin.RefusedAsync(page, "scale", ("rows", "3"),
            ("order-1", "1"), ("code-1", "S"), ("definition-1", "上回った。"),
            ("order-2", "2"), ("code-2", "A"), ("definition-2", "計画どおり。"),
            ("order-3", "3"), ("code-3", "Ｂ"), ("definition-3", "下回った。"));
        Assert.Contains("評価区分「B」は入力済みの評価で使われているため、削除できません（記号も変更できません）。", renameUsed, StringComparison.Ordinal);
        var template = await admin.RefusedAsync(page, "template-progress-outcomes");
        Assert.Contains("評価区分「B」は入力済みの評価で使われているため、削除できません", template, StringComparison.Ordinal);
        var duplicate = await admin.RefusedAsync(page, "scale", ("rows", "2"), ("code-1", "B"), ("definition-1", "x"), ("code-2", "B"), ("definition-2", "y"));
        Assert.Contains("評価区分「B」が2回以上あります。", duplicate, StringComparison.Ordinal);

        await admin.SucceedAsync(page, "scale", ("rows", "4"),
            ("order-1", "1"), ("code-1", "S"), ("definition-1", "上回った。"),
            ("order-2", "2"), ("code-2", "A"), ("definition-2", "計画どおり。"),
            ("order-3", "3"), ("code-3", "B"), ("label-3", "やや遅れ"), ("definition-3", "下回った。"),
            ("order-4", "4"), ("code-4", "C"), ("definition-4", "大幅に下回った。"));
        await using var check = database.CreateContext();
        var revised = await check.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == planId);
        Assert.Equal(["S", "A", "B", "C"], revised.Scale.Select(g => g.Code));
        Assert.Equal(("やや遅れ", "下回った。"), (revised.Scale[2].Label, revised.Scale[2].Definition));
        Assert.Empty(revised.OutcomeMarks);
    }
}
