using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Features.Evaluations;
using DxTracker.Web.Features.Evaluations.EnterResult;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Evaluations.EnterResult;

/// <summary>
/// Several people and departments on one evaluation: a save writes only what its user changed, what someone else
/// changed in the meantime is kept, the same field changed by both is a conflict with both values, and the rating and
/// the KPI actuals are the lead department's.
/// </summary>
public sealed class EntryConcurrencyTests(DatabaseFixture database) : WorkflowTest(database)
{
    private async Task<EntryInput> OpenAsync(string user, int itemId, int? departmentId = null)
    {
        await using var s = await HandlerScope.ForAsync(Factory.Services, user);
        return (await s.Get<EnterResultHandler>().OpenAsync(Scenario.PlanId, itemId, WorkflowScenario.FiscalYear, departmentId, restoreDraft: false)).Input;
    }

    private async Task SaveAsync(string user, int itemId, EntryInput input, bool submit = false)
    {
        await using var s = await HandlerScope.ForAsync(Factory.Services, user);
        await s.Get<EnterResultHandler>().SaveAsync(Scenario.PlanId, itemId, WorkflowScenario.FiscalYear, input.ToPartInput(), submit);
    }

    private async Task<YearlyEvaluation?> StoredAsync(int itemId)
    {
        await using var db = Database.CreateContext();
        return await WorkflowScenario.EvaluationAsync(db, itemId);
    }

    private async Task<List<string>> ActualsAsync(IReadOnlyList<int> kpiIds)
    {
        await using var db = Database.CreateContext();
        var values = await db.KpiValues.Where(v => kpiIds.Contains(v.KpiId) && v.FiscalYear == WorkflowScenario.FiscalYear).ToListAsync();
        return kpiIds.Select(id => values.SingleOrDefault(v => v.KpiId == id)?.ActualText ?? "").ToList();
    }

    [Fact]
    public async Task The_same_field_changed_by_two_people_is_refused_with_both_values_and_keeps_the_second_persons_text()
    {
        var opened = await OpenAsync("editor", Scenario.SharedItemId, Scenario.SomuId);
        opened.Result = "最初の下書き。";
        opened.SelfRating = "A";
        await SaveAsync("editor", Scenario.SharedItemId, opened);
        var first = await OpenAsync("editor", Scenario.SharedItemId, Scenario.SomuId);
        var second = await OpenAsync("reviewer", Scenario.SharedItemId, Scenario.SomuId);
        first.Result = "総務課が先に保存した実績。";
        await SaveAsync("editor", Scenario.SharedItemId, first);

        second.Result = "推進課が同時に書いた長い実績。";
        var refused = await Assert.ThrowsAsync<EvaluationConflictException>(() => SaveAsync("reviewer", Scenario.SharedItemId, second));

        Assert.Equal("editor", refused.SavedBy);
        Assert.NotNull(refused.SavedAt);
        Assert.Equal([new FieldConflict("result", "取組実績", "総務課が先に保存した実績。", "推進課が同時に書いた長い実績。")], refused.Fields);
        Assert.Equal("推進課が同時に書いた長い実績。", second.Result);
        Assert.Equal("総務課が先に保存した実績。", (await StoredAsync(Scenario.SharedItemId))!.Parts.Single(p => p.DepartmentId == Scenario.SomuId).ResultText);

        // After seeing both (the page rebases the form on what is stored), saving again is a deliberate overwrite.
        await using (var s = await HandlerScope.ForAsync(Factory.Services, "reviewer"))
        {
            second.Rebase((await s.Get<EnterResultHandler>().OpenAsync(Scenario.PlanId, Scenario.SharedItemId, WorkflowScenario.FiscalYear, Scenario.SomuId)).Context);
        }
        Assert.Equal("推進課が同時に書いた長い実績。", second.Result);
        await SaveAsync("reviewer", Scenario.SharedItemId, second);
        Assert.Equal("推進課が同時に書いた長い実績。", (await StoredAsync(Scenario.SharedItemId))!.Parts.Single(p => p.DepartmentId == Scenario.SomuId).ResultText);
    }

    [Fact]
    public async Task A_form_opened_earlier_by_the_other_lead_department_keeps_the_KPI_actuals_and_shows_the_rating_conflict()
    {
        var (itemId, kpiIds) = await Scenario.AddTwoLeadsItemAsync(Database.ConnectionString);
        var digital = await OpenAsync("reviewer", itemId, Scenario.DigitalId);
        var somu = await OpenAsync("editor", itemId, Scenario.SomuId);
        somu.Result = "総務課の実施内容。";
        somu.Kpis[0].Actual = "10";
        somu.Kpis[1].Actual = "20";
        somu.SelfRating = "B";
        await SaveAsync("editor", itemId, somu);

        // デジタル推進課's form still shows empty KPI fields and no rating; it chooses A and writes its text.
        digital.Result = "デジタル推進課の実施内容。";
        digital.SelfRating = "A";
        var refused = await Assert.ThrowsAsync<EvaluationConflictException>(() => SaveAsync("reviewer", itemId, digital));

        Assert.Equal([new FieldConflict("rating", "自己評価", "B", "A")], refused.Fields);
        Assert.Equal("editor", refused.SavedBy);
        Assert.Equal(["10", "20"], await ActualsAsync(kpiIds));
        var stored = await StoredAsync(itemId);
        Assert.Equal("B", stored!.SelfRating);
        Assert.Equal([Scenario.SomuId], stored.Parts.Select(p => p.DepartmentId));

        // Leaving the rating as 総務課 chose it, the text lands and nothing of 総務課's is lost.
        await using (var s = await HandlerScope.ForAsync(Factory.Services, "reviewer"))
        {
            digital.Rebase((await s.Get<EnterResultHandler>().OpenAsync(Scenario.PlanId, itemId, WorkflowScenario.FiscalYear, Scenario.DigitalId)).Context);
        }
        Assert.Equal(("A", "10", "20"), (digital.SelfRating, digital.Kpis[0].Actual, digital.Kpis[1].Actual));
        digital.SelfRating = "B";
        await SaveAsync("reviewer", itemId, digital);
        stored = await StoredAsync(itemId);
        Assert.Equal("B", stored!.SelfRating);
        Assert.Equal(["総務課の実施内容。", "デジタル推進課の実施内容。"], stored.Parts.OrderBy(p => p.SortOrder).Select(p => p.ResultText));
        Assert.Equal(["10", "20"], await ActualsAsync(kpiIds));
    }

    [Fact]
    public async Task Different_fields_changed_from_forms_opened_at_the_same_time_both_land()
    {
        var (itemId, kpiIds) = await Scenario.AddTwoLeadsItemAsync(Database.ConnectionString);
        var somu = await OpenAsync("editor", itemId, Scenario.SomuId);
        var digital = await OpenAsync("reviewer", itemId, Scenario.DigitalId);
        somu.Kpis[0].Actual = "７５";
        digital.Kpis[1].Actual = "31";
        digital.SelfRating = "A";
        digital.Result = "会議資料を電子化した。";

        await SaveAsync("editor", itemId, somu);
        await SaveAsync("reviewer", itemId, digital);

        Assert.Equal(["７５", "31"], await ActualsAsync(kpiIds));
        var stored = await StoredAsync(itemId);
        Assert.Equal("A", stored!.SelfRating);
        Assert.Equal("会議資料を電子化した。", stored.Parts.Single(p => p.DepartmentId == Scenario.DigitalId).ResultText);
    }

    [Fact]
    public async Task A_related_department_writes_its_own_text_only_and_submits_without_a_rating()
    {
        var related = await OpenAsync("reviewer", Scenario.SharedItemId, Scenario.DigitalId);
        related.Result = "関係課としての協力内容。";
        related.SelfRating = "S";
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => SaveAsync("reviewer", Scenario.SharedItemId, related));
        Assert.Equal("自己評価と評価指標の実績値は主管課（総務課）が入力します。デジタル推進課の入力では変更できません。", refused.Message);
        Assert.Null(await StoredAsync(Scenario.SharedItemId));

        related.SelfRating = null;
        Assert.DoesNotContain("rating", related.Problems(submit: true, [], ratesItem: false).Keys);
        await SaveAsync("reviewer", Scenario.SharedItemId, related, submit: true);
        var stored = await StoredAsync(Scenario.SharedItemId);
        Assert.Equal((EvaluationStatus.Draft, null), (stored!.Status, stored.SelfRating));
        Assert.True(stored.Parts.Single().IsSubmitted);

        // The lead department's part still needs its rating; with it, the item is submitted.
        var lead = await OpenAsync("editor", Scenario.SharedItemId, Scenario.SomuId);
        lead.Result = "総務課の実施内容。";
        var noRating = await Assert.ThrowsAsync<DomainRuleException>(() => SaveAsync("editor", Scenario.SharedItemId, lead, submit: true));
        Assert.Equal("自己評価を選んでから提出してください。", noRating.Message);
        lead.SelfRating = "A";
        await SaveAsync("editor", Scenario.SharedItemId, lead, submit: true);
        stored = await StoredAsync(Scenario.SharedItemId);
        Assert.Equal((EvaluationStatus.Submitted, "A"), (stored!.Status, stored.SelfRating));
    }

    [Fact]
    public async Task Two_departments_saving_their_own_parts_at_the_same_moment_both_land_every_time()
    {
        var (itemId, _) = await Scenario.AddTwoLeadsItemAsync(Database.ConnectionString);
        for (var round = 1; round <= 6; round++)
        {
            var somu = await OpenAsync("editor", itemId, Scenario.SomuId);
            var digital = await OpenAsync("reviewer", itemId, Scenario.DigitalId);
            somu.Result = $"総務課 {round} 回目";
            digital.Result = $"デジタル推進課 {round} 回目";

            await Task.WhenAll(Task.Run(() => SaveAsync("editor", itemId, somu)), Task.Run(() => SaveAsync("reviewer", itemId, digital)));

            var stored = await StoredAsync(itemId);
            Assert.Equal([$"総務課 {round} 回目", $"デジタル推進課 {round} 回目"], new[] { Scenario.SomuId, Scenario.DigitalId }.Select(d => stored!.Parts.Single(p => p.DepartmentId == d).ResultText));
        }
    }

    [Fact]
    public async Task Two_first_drafts_of_the_same_text_at_once_are_a_conflict_not_a_silent_loss()
    {
        var first = await OpenAsync("editor", Scenario.OwnItemId);
        var second = await OpenAsync("admin", Scenario.OwnItemId);
        first.Result = "一人目の実績。";
        second.Result = "二人目の実績。";

        await SaveAsync("editor", Scenario.OwnItemId, first);
        var refused = await Assert.ThrowsAsync<EvaluationConflictException>(() => SaveAsync("admin", Scenario.OwnItemId, second));

        Assert.Equal("一人目の実績。", refused.Fields.Single().Theirs);
    }
}
