using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Import;

/// <summary>
/// A whole plan of another municipality (Fixtures/suita-whole-plan.json): its own five-grade scale with outcome
/// marks, categories, lifecycles, schedules, KPI series over several years and two years of evaluations.
/// </summary>
public sealed class WholePlanImportTests : IAsyncLifetime
{
    private const string FixtureName = "suita-whole-plan.json";
    private FreshDatabase database = null!;
    private ImportSummary summary = null!;

    public async Task InitializeAsync()
    {
        database = await FreshDatabase.CreateAsync();
        summary = await ImportTestData.ImportOkAsync(database.ConnectionString, ImportTestData.Fixture(FixtureName));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task The_plan_keeps_its_own_scale_outcome_marks_labels_rounding_and_revision()
    {
        await using var db = database.CreateContext();
        var plan = await db.Plans.Include(p => p.Grades).Include(p => p.Revisions).SingleAsync();

        Assert.Equal(("吹田市", "吹田市第4期情報化推進計画", "分野を超えたICTの利活用", 2019, 2023), (plan.Municipality, plan.Name, plan.Subtitle, plan.StartYear, plan.EndYear));
        Assert.Equal(("基本方針", "取組", "アクションプラン"), (plan.PolicyLabel, plan.CategoryLabel, plan.ItemLabel));
        Assert.Equal(PercentageRounding.LargestRemainder, plan.Rounding);
        Assert.Equal(["◎", "○", "△", "×", "未"], plan.Scale.Select(g => g.Code));
        Assert.Equal(["計画以上", "計画どおり", "やや遅れ", "大幅な遅れ", "未着手"], plan.Scale.Select(g => g.Label));
        Assert.Equal(["完", "止"], plan.OutcomeMarks.Select(g => g.Code));
        Assert.Equal("この年度で取組を完了した。", plan.OutcomeMarks[0].Definition);
        var revision = Assert.Single(plan.Revisions);
        Assert.Equal(new DateOnly(2022, 3, 31), revision.Date);
        Assert.True(summary.PlanCreated);
        Assert.Contains("アクションプラン: 作成 8件、更新 0件", summary.Details);
        Assert.Contains("基本方針: 作成 2件、更新 0件", summary.Details);
    }

    [Fact]
    public async Task Categories_lifecycles_schedules_and_department_roles_are_stored()
    {
        await using var db = database.CreateContext();
        var items = await db.ActionItems.Include(i => i.Schedule).Include(i => i.Departments).OrderBy(i => i.SortOrder).ToListAsync();
        var categories = await db.Categories.ToDictionaryAsync(c => c.Id);
        var departments = await db.Departments.Include(d => d.FormerNames).ToDictionaryAsync(d => d.Id);

        Assert.Equal(["1", "2", "3", "4", "5", "7", "8", "22"], items.Select(i => i.Number));
        Assert.Equal(["手続", "手続", "手続", "手続", "情報発信", "内部事務最適化", "内部事務最適化", "内部事務最適化"], items.Select(i => categories[i.CategoryId!.Value].Title));
        var byNumber = items.ToDictionary(i => i.Number);
        Assert.EndsWith("市民の時間と場所の制約を緩和します。", byNumber["1"].Purpose, StringComparison.Ordinal);

        var deleted = byNumber["3"];
        Assert.Equal((ItemStatus.Deleted, 2021), (deleted.Status, deleted.StatusYear));
        Assert.StartsWith("国が整備するシステムを利用する施策で", deleted.StatusReason, StringComparison.Ordinal);
        Assert.True(deleted.IsActiveIn(new FiscalYear(2020)));
        Assert.False(deleted.IsActiveIn(new FiscalYear(2021)));
        Assert.Equal((ItemStatus.Merged, 2022, byNumber["22"].Id), (byNumber["7"].Status, byNumber["7"].StatusYear, byNumber["7"].MergedIntoItemId));
        // The reason given for a merge or a completion is kept (it was dropped before).
        Assert.Equal("施策22と一体的に進めるため統合。", byNumber["7"].StatusReason);
        Assert.Contains(byNumber.Values, i => i.Status == ItemStatus.Completed && i.StatusReason == "目標を達成したため完了。");
        Assert.Equal((ItemStatus.Completed, 2020), (byNumber["8"].Status, byNumber["8"].StatusYear));
        Assert.Equal(ItemStatus.Active, byNumber["1"].Status);

        Assert.Equal(["運用(簡易)", "運用(簡易)", "調査研究", "電子化", "電子化"], byNumber["1"].Schedule.OrderBy(s => s.FiscalYear).Select(s => s.Phase));
        Assert.Equal([2019, 2020, 2022], byNumber["4"].Schedule.Select(s => s.FiscalYear).Order());

        string Roles(string number) => string.Join("、", byNumber[number].Departments.OrderBy(d => d.SortOrder).Select(d => $"{departments[d.DepartmentId].Name}:{d.Role}"));
        Assert.Equal("市民総務室:Lead、情報政策室:Related", Roles("1"));
        Assert.Equal("税制課:Lead、市民課:Lead", Roles("2"));
        Assert.Equal("市民総務室:Lead、情報政策室:Related", Roles("4"));

        var office = departments.Values.Single(d => d.Name == "情報政策室");
        Assert.Equal(("S100", "じょうほうせいさくしつ"), (office.Code, office.Reading));
        Assert.Equal("情報政策室（情報政策課）", office.ReportNameFor(new FiscalYear(2019)));
        Assert.Equal("情報政策室", office.ReportNameFor(new FiscalYear(2020)));
    }

    [Fact]
    public async Task KPI_series_keep_planned_and_actual_values_over_the_years_with_their_text()
    {
        await using var db = database.CreateContext();
        var kpis = await db.Kpis.Include(k => k.Values).ToDictionaryAsync(k => k.Name);

        var rate = kpis["電子申込システムの利用率"];
        var successor = kpis["電子化対象手続の電子化率"];
        Assert.Equal((2019, 2021, successor.Id), (rate.FromYear, rate.ToYear, rate.ReplacedByKpiId));
        Assert.Equal((2022, (int?)null), (successor.FromYear, successor.ToYear));
        var values = rate.Values.OrderBy(v => v.FiscalYear).ToList();
        Assert.Equal([2019, 2020, 2021], values.Select(v => v.FiscalYear));
        Assert.Equal((10m, "申込み 10%", 30.7m, "申込み 30.7%"), (values[0].PlannedValue, values[0].PlannedText, values[0].ActualValue, values[0].ActualText));
        Assert.Equal((20m, "20%", 32.8m, "32.8%"), (values[1].PlannedValue, values[1].PlannedText, values[1].ActualValue, values[1].ActualText));
        Assert.Equal((30m, (decimal?)null, "（本年度未測定）", true), (values[2].PlannedValue, values[2].ActualValue, values[2].ActualText, values[2].ActualNotMeasured));
        Assert.Equal((45m, "電子化率 45%"), (successor.Values.Single(v => v.FiscalYear == 2022).PlannedValue, successor.Values.Single(v => v.FiscalYear == 2022).PlannedText));
        Assert.Equal((100m, "100%"), (successor.Values.Single(v => v.FiscalYear == 2023).PlannedValue, successor.Values.Single(v => v.FiscalYear == 2023).PlannedText));

        var occupancy = kpis["施設稼働率の上昇率"].Values.Single(v => v.FiscalYear == 2020);
        Assert.Equal((10.0m, -16.7m, "▲16.7%"), (occupancy.PlannedValue, occupancy.ActualValue, occupancy.ActualText));
        Assert.True(kpis["施設稼働率の上昇率"].Values.Single(v => v.FiscalYear == 2021).ActualNotMeasured);

        var cards = kpis["コンビニ交付件数（課税証明）"];
        Assert.Equal(("件", 0m, "0件", 2018), (cards.Unit, cards.BaselineValue, cards.BaselineText, cards.BaselineYear));
        Assert.Equal((1730m, "1,730件"), (cards.Values.Single(v => v.FiscalYear == 2020).ActualValue, cards.Values.Single(v => v.FiscalYear == 2020).ActualText));
        Assert.Equal(("未測定", true), (cards.Values.Single(v => v.FiscalYear == 2021).ActualText, cards.Values.Single(v => v.FiscalYear == 2021).ActualNotMeasured));
        Assert.Equal(2017, kpis["ホームページの月平均閲覧者数"].BaselineYear);

        var hours = kpis["標準準拠システムへの移行に要する職員作業時間"];
        Assert.Equal(KpiDirection.LowerIsBetter, hours.Direction);
        Assert.Equal(128.8m, hours.Values.Single().AchievementRate(hours.Direction));
    }

    [Fact]
    public async Task Two_years_of_evaluations_keep_their_status_ratings_and_department_parts()
    {
        await using var db = database.CreateContext();
        var items = await db.ActionItems.ToDictionaryAsync(i => i.Id, i => i.Number);
        var departments = await db.Departments.ToDictionaryAsync(d => d.Id, d => d.Name);
        var evaluations = (await db.Evaluations.Include(e => e.Parts).ToListAsync()).ToDictionary(e => (items[e.ItemId], e.FiscalYear));

        Assert.Equal(16, evaluations.Count);
        Assert.All(evaluations.Values.Where(e => e.FiscalYear == 2019), e => Assert.Equal(EvaluationStatus.Approved, e.Status));
        Assert.Equal(
            ["1:Approved", "2:Draft", "3:Submitted", "4:Returned", "5:NotStarted", "7:Approved", "8:Approved", "22:Approved"],
            evaluations.Values.Where(e => e.FiscalYear == 2020).OrderBy(e => int.Parse(items[e.ItemId], System.Globalization.CultureInfo.InvariantCulture)).Select(e => $"{items[e.ItemId]}:{e.Status}"));

        var changed = evaluations[("1", 2020)];
        Assert.Equal(("○", "△", "△"), (changed.SelfRating, changed.FinalRating, changed.EffectiveRating));
        Assert.StartsWith("利用率は上がったが", changed.FinalRatingReason, StringComparison.Ordinal);
        Assert.Null(evaluations[("22", 2020)].FinalRating);
        Assert.Equal("完", evaluations[("8", 2020)].SelfRating);
        Assert.Equal("稼働率が下がった理由を記載してください。", evaluations[("4", 2020)].ReturnComment);
        Assert.Null(evaluations[("5", 2020)].SelfRating);
        Assert.All(evaluations[("3", 2020)].Parts, p => Assert.True(p.IsSubmitted));
        Assert.All(evaluations[("2", 2020)].Parts, p => Assert.False(p.IsSubmitted));

        string Parts(string number, int year, Func<EvaluationPart, string> text) =>
            string.Join(" | ", evaluations[(number, year)].Parts.OrderBy(p => p.SortOrder).Select(p => $"{departments[p.DepartmentId]}={text(p)}"));
        Assert.Equal("市民総務室=簡易な申込みを行えるシステムの利用できる手続を12件増やした。 | 情報政策室=システムの運用を支援した。", Parts("1", 2019, p => p.ResultText));
        Assert.Equal("市民総務室=電子申込の対象手続を拡充した。（市民総務室） | 情報政策室=電子申請の基盤を調査した。（情報政策室）", Parts("1", 2020, p => p.ResultText));
        Assert.Equal("市民総務室=対象手続の洗い出しを進める。（市民総務室） | 情報政策室=", Parts("1", 2020, p => p.ImprovementText));
        Assert.Equal("税制課=課税証明のコンビニ交付の準備を進めた。 (税制課) | 市民課=住民票等のコンビニ交付の利用を周知した。 (市民課)", Parts("2", 2019, p => p.ResultText));
        Assert.Equal("税制課=課税証明のコンビニ交付を開始した。 | 市民課=", Parts("2", 2020, p => p.ResultText));
    }

    [Fact]
    public async Task Years_keep_their_states_deadlines_and_conclusion()
    {
        await using var db = database.CreateContext();
        var years = await db.PlanYears.OrderBy(y => y.FiscalYear).ToListAsync();

        Assert.Equal([(2019, PlanYearState.Closed), (2020, PlanYearState.Open)], years.Select(y => (y.FiscalYear, y.State)));
        Assert.Equal([new DateOnly(2020, 5, 31), new DateOnly(2021, 5, 31)], years.Select(y => y.EntryDeadline!.Value));
        Assert.Equal("令和元年度は、全てのアクションプランに着手した。\n引き続き計画的に取り組む。", years[0].Conclusion);
        Assert.Equal(string.Empty, years[1].Conclusion);
    }

    [Fact]
    public async Task A_second_import_changes_nothing_and_a_change_to_the_open_year_is_applied()
    {
        await using (var db = database.CreateContext())
        {
            var audit = await db.AuditEntries.CountAsync();
            Assert.True((await ImportTestData.ImportOkAsync(database.ConnectionString, ImportTestData.Fixture(FixtureName))).Unchanged);
            Assert.Equal(audit, await db.AuditEntries.CountAsync());
        }

        var json = ImportTestData.FixtureNode(FixtureName);
        var evaluation = json["policies"]![0]!["items"]![1]!["evaluations"]![1]!;
        evaluation["status"] = "submitted";
        evaluation["parts"]![0]!["result"] = "課税証明のコンビニ交付を開始し、周知した。";
        json["policies"]![0]!["items"]![3]!["kpis"]![0]!["values"]![1]!["actual"] = "3.5%";

        var changed = await ImportTestData.ImportOkAsync(database.ConnectionString, ImportTestData.Bytes(json));

        Assert.Equal(0, changed.Created);
        Assert.Contains("評価: 作成 0件、更新 1件", changed.Details);
        Assert.Contains("評価指標の予定・実績: 作成 0件、更新 1件", changed.Details);
        await using var check = database.CreateContext();
        var item = await check.ActionItems.SingleAsync(i => i.Number == "2");
        var stored = await check.Evaluations.Include(e => e.Parts).SingleAsync(e => e.ItemId == item.Id && e.FiscalYear == 2020);
        Assert.Equal(EvaluationStatus.Submitted, stored.Status);
        Assert.Equal("課税証明のコンビニ交付を開始し、周知した。", stored.Parts.OrderBy(p => p.SortOrder).First().ResultText);
        Assert.Equal(3.5m, (await check.KpiValues.SingleAsync(v => v.FiscalYear == 2021 && v.ActualText == "3.5%")).ActualValue);
    }

    [Fact]
    public async Task A_change_to_the_closed_year_or_a_step_back_from_approval_is_refused()
    {
        var json = ImportTestData.FixtureNode(FixtureName);
        json["policies"]![0]!["items"]![2]!["evaluations"]![0]!["selfRating"] = "△";
        json["years"]![0]!["conclusion"] = "書き換えた総括。";
        json["policies"]![1]!["items"]![0]!["evaluations"]![1]!["status"] = "draft";

        var result = await ImportTestData.ImportAsync(database.ConnectionString, ImportTestData.Bytes(json));

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                ("$.policies[0].items[2].evaluations[0]", "令和元年度は確定済みのため、ファイルの内容で変更できません（データベースの内容と異なります）。変更が必要な場合は、管理者が年度の確定を解除してから取り込み直してください。"),
                ("$.policies[1].items[0].evaluations[1]", "承認済の評価を下書きに戻すことはできません。"),
                ("$.years[0]", "令和元年度は確定済みのため、取り込みで状態・入力期限・総括を変更できません。変更が必要な場合は、管理者が年度の確定を解除してから取り込み直してください。"),
            ],
            result.Problems.Select(p => (p.Path, p.Message)).Order());
        await using var db = database.CreateContext();
        Assert.Equal("令和元年度は、全てのアクションプランに着手した。\n引き続き計画的に取り組む。", (await db.PlanYears.SingleAsync(y => y.FiscalYear == 2019)).Conclusion);
    }
}
