using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Admin.Plans;
using Microsoft.EntityFrameworkCore;
using static DxTracker.Tests.Admin.Plans.PlanAdminSteps;

namespace DxTracker.Tests.Admin.Plans;

public sealed class KpiAndScaleTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
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

    private Task<int> AddKpiAsync(int planId, int itemId, KpiInput input) => admin.Kpis.AddAsync(planId, itemId, input.ToDetails(), input.From());

    private static Dictionary<string, string> Cells(params (int KpiId, int Year, string Text)[] cells) =>
        cells.ToDictionary(c => KpiPage.CellName(c.KpiId, c.Year), c => c.Text);

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
        await AddKpiAsync(planId, itemId, new KpiInput { Name = "公開ファイル数", Unit = "件", Direction = KpiDirection.HigherIsBetter, Baseline = "７７５件", BaselineYear = "平成30年度" });
        await AddKpiAsync(planId, itemId, new KpiInput { Name = "処理時間", Unit = "時間", Direction = KpiDirection.LowerIsBetter });
        var duplicate = await Assert.ThrowsAsync<FieldRuleException>(() => AddKpiAsync(planId, itemId, new KpiInput { Name = "公開ファイル数", Unit = "件" }));
        Assert.Equal("Name", duplicate.Field);
        Assert.StartsWith("指標「公開ファイル数」はこの項目に既にあります。", duplicate.Message, StringComparison.Ordinal);

        var files = await KpiAsync(itemId, "公開ファイル数");
        var hours = await KpiAsync(itemId, "処理時間");
        Assert.Equal((775m, "７７５件", 2018, KpiDirection.HigherIsBetter), (files.BaselineValue, files.BaselineText, files.BaselineYear, files.Direction));
        Assert.Equal(KpiDirection.LowerIsBetter, hours.Direction);

        var bad = await admin.Kpis.SavePlannedAsync(planId, itemId, Cells((files.Id, 2019, "９００"), (files.Id, 2020, "たくさん"), (hours.Id, 2019, "1,200時間")));
        Assert.StartsWith("令和2年度: 「たくさん」は数値として読み取れません。", Assert.Single(bad, p => p.Key == KpiPage.CellName(files.Id, 2020)).Value, StringComparison.Ordinal);
        Assert.Single(bad);
        Assert.Empty((await KpiAsync(itemId, "公開ファイル数")).Values);

        Assert.Empty(await admin.Kpis.SavePlannedAsync(planId, itemId, Cells(
            (files.Id, 2019, "９００"), (files.Id, 2020, "１,０００件"), (files.Id, 2021, "1100"), (hours.Id, 2019, "1,200時間"), (hours.Id, 2023, "▲5"))));
        files = await KpiAsync(itemId, "公開ファイル数");
        Assert.Equal([(2019, 900m, "９００"), (2020, 1000m, "１,０００件"), (2021, 1100m, "1100")],
            files.Values.OrderBy(v => v.FiscalYear).Select(v => (v.FiscalYear, v.PlannedValue!.Value, v.PlannedText)));
        hours = await KpiAsync(itemId, "処理時間");
        Assert.Equal(-5m, hours.Values.Single(v => v.FiscalYear == 2023).PlannedValue);

        await admin.Kpis.UpdateAsync(planId, itemId, files.Id,
            new KpiInput { Name = "オープンデータ公開ファイル数", Unit = "件", Direction = KpiDirection.HigherIsBetter, Baseline = "775件", BaselineYear = "2018" }.ToDetails(), files.Version);
        var stale = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Kpis.UpdateAsync(planId, itemId, files.Id,
            new KpiInput { Name = "古い画面", Unit = "件", Direction = KpiDirection.HigherIsBetter }.ToDetails(), files.Version));
        Assert.StartsWith("ほかの人がこの内容を先に更新しました。", stale.Message, StringComparison.Ordinal);
        Assert.Contains("指標名：保存されている内容「オープンデータ公開ファイル数」／あなたの入力「古い画面」", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_KPI_is_replaced_from_a_year_and_the_old_one_stays_for_the_years_it_applied_to()
    {
        var (planId, itemId) = await ItemAsync("置き換え計画");
        var page = Kpis(planId, itemId);
        await AddKpiAsync(planId, itemId, new KpiInput { Name = "システム利用率", Unit = "%" });
        var old = await KpiAsync(itemId, "システム利用率");
        Assert.Empty(await admin.SetPlannedAsync(planId, itemId, old.Id, (2019, "20%"), (2020, "30%"), (2021, "40%"), (2022, "50%")));
        await using (var db = database.CreateContext())
        {
            var tracked = await db.Kpis.Include(k => k.Values).SingleAsync(k => k.Id == old.Id);
            tracked.SetActual(new FiscalYear(2019), KpiValueText.Parse("18.5%"));
            await db.SaveChangesAsync();
        }
        old = await KpiAsync(itemId, "システム利用率");
        var successor = new KpiInput { Name = "電子化率", Unit = "%", Direction = KpiDirection.HigherIsBetter };
        Task<int> ReplaceAsync(string from, uint version) =>
            admin.Kpis.ReplaceAsync(planId, itemId, old.Id, new KpiInput { FromYear = from }.From()!.Value, successor.ToDetails(), version);

        var atStart = await Assert.ThrowsAsync<FieldRuleException>(() => ReplaceAsync("令和元年度", old.Version));
        Assert.Equal("FromYear", atStart.Field);
        Assert.StartsWith("置き換える年度は、計画の初年度（令和元年度）より後にしてください。", atStart.Message, StringComparison.Ordinal);
        var outside = await Assert.ThrowsAsync<FieldRuleException>(() => ReplaceAsync("令和9年度", old.Version));
        Assert.Equal(("FromYear", "置き換える年度の令和9年度は計画期間（令和元年度～令和5年度）の外です。"), (outside.Field, outside.Message));
        var measured = await Assert.ThrowsAsync<FieldRuleException>(() => ReplaceAsync("2019", old.Version));
        Assert.StartsWith("置き換える年度は、計画の初年度", measured.Message, StringComparison.Ordinal);
        await ReplaceAsync("令和4年度", old.Version);

        old = await KpiAsync(itemId, "システム利用率");
        var next = await KpiAsync(itemId, "電子化率");
        Assert.Equal((null, 2021, next.Id), (old.FromYear, old.ToYear, old.ReplacedByKpiId));
        Assert.Equal((2022, (int?)null), (next.FromYear, next.ToYear));
        Assert.Equal([2019, 2020, 2021], old.Values.Select(v => v.FiscalYear).Order());
        Assert.Equal(18.5m, old.Values.Single(v => v.FiscalYear == 2019).ActualValue);

        var html = await admin.Http.GetStringAsync(page);
        Assert.Contains($"id=\"{KpiPage.CellName(next.Id, 2022)}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"{KpiPage.CellName(old.Id, 2022)}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"{KpiPage.CellName(next.Id, 2021)}\"", html, StringComparison.Ordinal);
        Assert.Contains("（令和4年度から「電子化率」に置き換え）", html, StringComparison.Ordinal);

        // A replaced indicator offers no replace form any more; a hand-made post is refused all the same.
        await Assert.ThrowsAsync<FieldRuleException>(() => admin.Kpis.ReplaceAsync(planId, itemId, old.Id, new FiscalYear(2023), new KpiInput { Name = "三つ目" }.ToDetails(), old.Version));
        Assert.Equal(2, await CountKpisAsync(itemId));
        var delete = await Assert.ThrowsAnyAsync<DomainRuleException>(() => admin.Kpis.DeleteAsync(planId, itemId, old.Id));
        Assert.StartsWith("指標「システム利用率」には実績値が入力されているため、削除できません。", delete.Message, StringComparison.Ordinal);
        Assert.Equal(2, await CountKpisAsync(itemId));
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
        await AddKpiAsync(planId, itemId, new KpiInput { Name = "閲覧者数", Unit = "人" });
        var kpi = await KpiAsync(itemId, "閲覧者数");
        Assert.Empty(await admin.SetPlannedAsync(planId, itemId, kpi.Id, (2019, "14,000人")));
        await admin.Succession.OpenNextYearAsync(planId);
        await using (var db = database.CreateContext())
        {
            (await db.PlanYears.SingleAsync(y => y.PlanId == planId && y.FiscalYear == 2019)).Close();
            await db.SaveChangesAsync();
        }

        var refused = await admin.SetPlannedAsync(planId, itemId, kpi.Id, (2019, "15,000人"), (2020, "15,500人"));
        Assert.Equal("令和元年度は確定済みのため、予定値を変更できません。", refused[KpiPage.CellName(kpi.Id, 2019)]);
        Assert.Equal(["14,000人"], (await KpiAsync(itemId, "閲覧者数")).Values.Select(v => v.PlannedText));
        Assert.Empty(await admin.SetPlannedAsync(planId, itemId, kpi.Id, (2019, "14,000人"), (2020, "15,500人")));
        Assert.Equal(2, (await KpiAsync(itemId, "閲覧者数")).Values.Count);
    }

    [Fact]
    public async Task A_scale_is_edited_freely_until_used_then_keeps_every_used_grade()
    {
        var (planId, itemId) = await ItemAsync("評価区分計画");
        var page = $"/admin/plans/{Id(planId)}/scale";
        await admin.Scales.ApplyTemplateAsync(planId, "progress-outcomes", null);
        await using (var db = database.CreateContext())
        {
            var plan = await db.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == planId);
            Assert.Equal(["◎", "○", "△", "×"], plan.Scale.Select(g => g.Code));
            Assert.Equal(["完了", "廃止"], plan.OutcomeMarks.Select(g => g.Code));
        }
        await admin.Scales.ApplyTemplateAsync(planId, "sabc", null);
        Task SaveAsync(params ScaleRowInput[] rows) => admin.Scales.SaveAsync(planId, ScaleRowInput.ToDrafts(rows), null);
        static ScaleRowInput Row(string order, string code, string definition, string label = "", bool remove = false, GradeKind kind = GradeKind.Grade) =>
            new() { Order = order, Code = code, Definition = definition, Label = label, Remove = remove, Kind = kind };

        await SaveAsync(
            Row("1", "S", "目標や計画を上回る達成状況であった。", "順調"), Row("2", "A", "目標や計画どおりの達成状況であった。"),
            Row("3", "B", "目標や計画を下回る達成状況であった。"), Row("4", "C", "未実施。", remove: true),
            Row("9", "完", "取組が完了した。", kind: GradeKind.OutcomeMark), Row("", "", ""));
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
        var removeUsed = await Assert.ThrowsAnyAsync<DomainRuleException>(() => SaveAsync(Row("1", "S", "上回った。"), Row("2", "A", "計画どおり。"), Row("3", "B", "下回った。", remove: true)));
        Assert.Contains("評価区分「B」は入力済みの評価で使われているため、削除できません", removeUsed.Message, StringComparison.Ordinal);
        var renameUsed = await Assert.ThrowsAnyAsync<DomainRuleException>(() => SaveAsync(Row("1", "S", "上回った。"), Row("2", "A", "計画どおり。"), Row("3", "Ｂ", "下回った。")));
        Assert.Contains("評価区分「B」は入力済みの評価で使われているため、削除できません（記号も変更できません）。", renameUsed.Message, StringComparison.Ordinal);
        var template = await Assert.ThrowsAnyAsync<DomainRuleException>(() => admin.Scales.ApplyTemplateAsync(planId, "progress-outcomes", null));
        Assert.Contains("評価区分「B」は入力済みの評価で使われているため、削除できません", template.Message, StringComparison.Ordinal);
        var duplicate = await Assert.ThrowsAnyAsync<DomainRuleException>(() => SaveAsync(Row("", "B", "x"), Row("", "B", "y")));
        Assert.Contains("評価区分「B」が2回以上あります。", duplicate.Message, StringComparison.Ordinal);
        var noDefinition = Assert.Throws<FieldRuleException>(() => ScaleRowInput.ToDrafts([Row("1", "S", "上回った。"), Row("2", "A", "")]));
        Assert.Equal(("definition-2", "2行目（A）の定義を入力してください。"), (noDefinition.Field, noDefinition.Message));
        var badOrder = Assert.Throws<FieldRuleException>(() => ScaleRowInput.ToDrafts([Row("一", "S", "上回った。")]));
        Assert.Equal("order-1", badOrder.Field);

        await SaveAsync(Row("1", "S", "上回った。"), Row("2", "A", "計画どおり。"), Row("3", "B", "下回った。", "やや遅れ"), Row("４", "C", "大幅に下回った。"));
        await using var check = database.CreateContext();
        var revised = await check.Plans.Include(p => p.Grades).SingleAsync(p => p.Id == planId);
        Assert.Equal(["S", "A", "B", "C"], revised.Scale.Select(g => g.Code));
        Assert.Equal(("やや遅れ", "下回った。"), (revised.Scale[2].Label, revised.Scale[2].Definition));
        Assert.Empty(revised.OutcomeMarks);
    }

    [Fact]
    public async Task Planned_values_someone_else_changed_since_the_form_was_opened_are_not_written_over()
    {
        var (planId, itemId) = await ItemAsync("同時編集の予定値計画");
        await AddKpiAsync(planId, itemId, new KpiInput { Name = "相談件数", Unit = "件" });
        var kpi = await KpiAsync(itemId, "相談件数");
        Assert.Empty(await admin.SetPlannedAsync(planId, itemId, kpi.Id, (2019, "100件"), (2020, "120件")));

        // This form was opened before someone else saved 100件 and 120件: it showed both cells empty.
        var stale = await admin.Kpis.SavePlannedAsync(planId, itemId, Cells((kpi.Id, 2019, "90件"), (kpi.Id, 2021, "150件")), Cells((kpi.Id, 2019, ""), (kpi.Id, 2021, "")));
        Assert.Equal("令和元年度の予定値は、ほかの人が先に「100件」に変更しました（あなたの入力「90件」）。画面を開き直して確認してください。", Assert.Single(stale).Value);
        Assert.Equal([(2019, "100件"), (2020, "120件")], (await KpiAsync(itemId, "相談件数")).Values.OrderBy(v => v.FiscalYear).Select(v => (v.FiscalYear, v.PlannedText)));

        // Opened after that save, the same change is made.
        Assert.Empty(await admin.Kpis.SavePlannedAsync(planId, itemId, Cells((kpi.Id, 2019, "90件"), (kpi.Id, 2021, "150件")), Cells((kpi.Id, 2019, "100件"), (kpi.Id, 2021, ""))));
        Assert.Equal([(2019, "90件"), (2020, "120件"), (2021, "150件")], (await KpiAsync(itemId, "相談件数")).Values.OrderBy(v => v.FiscalYear).Select(v => (v.FiscalYear, v.PlannedText)));
    }

    [Fact]
    public async Task A_scale_saved_from_a_form_opened_before_another_save_is_refused_in_Japanese()
    {
        var (planId, _) = await ItemAsync("同時編集の評価区分計画");
        var opened = (await admin.Scales.LoadAsync(planId)).Plan.Version;
        static ScaleRowInput Row(string code, string definition) => new() { Code = code, Definition = definition };
        await admin.Scales.SaveAsync(planId, ScaleRowInput.ToDrafts([Row("S", "上回った。"), Row("A", "計画どおり。"), Row("B", "下回った。")]), opened);

        var stale = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Scales.SaveAsync(planId, ScaleRowInput.ToDrafts([Row("A", "計画どおり。"), Row("B", "下回った。")]), opened));
        Assert.Equal($"{AdminSave.ConflictMessage}（評価区分：保存されている内容「S・A・B」／あなたの入力「A・B」）", stale.Message);
        var template = await Assert.ThrowsAsync<DomainRuleException>(() => admin.Scales.ApplyTemplateAsync(planId, "abcd", opened));
        Assert.StartsWith("ほかの人がこの内容を先に更新しました。", template.Message, StringComparison.Ordinal);

        var page = await admin.Scales.LoadAsync(planId);
        Assert.Equal(["S", "A", "B"], page.Grades.Select(g => g.Code));
        Assert.NotEqual(opened, page.Plan.Version);
        await admin.Scales.ApplyTemplateAsync(planId, "abcd", page.Plan.Version);
        Assert.Equal(["A", "B", "C", "D"], (await admin.Scales.LoadAsync(planId)).Grades.Select(g => g.Code));
    }
}
