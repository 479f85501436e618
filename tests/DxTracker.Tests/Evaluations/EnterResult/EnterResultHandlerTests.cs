using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Features.Evaluations.EnterResult;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Evaluations.EnterResult;

/// <summary>The entry form's handler on a real database, as the interactive page calls it.</summary>
public sealed class EnterResultHandlerTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;
    private WorkflowScenario scenario = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        factory.CreateClient();
        scenario = await WorkflowScenario.CreateAsync(database.ConnectionString);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private Task SaveAsync(string user, int itemId, PartInput input, bool submit) =>
        WithAsync(user, h => h.SaveAsync(scenario.PlanId, itemId, WorkflowScenario.FiscalYear, input, submit));

    private async Task WithAsync(string user, Func<EnterResultHandler, Task> work)
    {
        await using var s = await HandlerScope.ForAsync(factory.Services, user);
        await work(s.Get<EnterResultHandler>());
    }

    private async Task<EntryPage> OpenAsync(string user, int itemId, int? departmentId = null, bool restoreDraft = true)
    {
        await using var s = await HandlerScope.ForAsync(factory.Services, user);
        return await s.Get<EnterResultHandler>().OpenAsync(scenario.PlanId, itemId, WorkflowScenario.FiscalYear, departmentId, restoreDraft);
    }

    private static PartInput Part(int departmentId, string result, string? rating, params (int KpiId, string Actual)[] kpis) =>
        new(departmentId, result, "次年度は対象手続を拡大する。", rating, kpis.Select(k => new KpiActualInput(k.KpiId, k.Actual)).ToList(), new EntryValues());

    [Fact]
    public async Task Editor_saves_a_draft_then_submits_with_a_full_width_KPI_actual()
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "editor", DemoData.Password);
        var form = await client.GetStringAsync(scenario.EntryUrl(scenario.OwnItemId));
        Assert.Contains("目標や計画どおりの達成状況であった。", form, StringComparison.Ordinal);
        Assert.Contains("12,000件", form, StringComparison.Ordinal);
        Assert.Contains("9,800件", form, StringComparison.Ordinal);
        Assert.Contains("前年度は電子申請を20手続追加した。", form, StringComparison.Ordinal);

        await SaveAsync("editor", scenario.OwnItemId, Part(scenario.SomuId, "(1) 電子申請を30手続追加した。", "A", (scenario.KpiId, "１２,９００")), submit: false);
        var draft = await OpenAsync("editor", scenario.OwnItemId);
        Assert.Equal(("(1) 電子申請を30手続追加した。", "１２,９００"), (draft.Input.Result, draft.Input.Kpis.Single().Actual));
        await SaveAsync("editor", scenario.OwnItemId, Part(scenario.SomuId, "(1) 電子申請を30手続追加した。", "A", (scenario.KpiId, "１２,９００")) with { Loaded = draft.Input.Loaded }, submit: true);

        await using var db = database.CreateContext();
        var evaluation = await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId);
        Assert.Equal(EvaluationStatus.Submitted, evaluation!.Status);
        Assert.Equal("(1) 電子申請を30手続追加した。", evaluation.Parts.Single().ResultText);
        var value = await db.KpiValues.SingleAsync(v => v.KpiId == scenario.KpiId && v.FiscalYear == WorkflowScenario.FiscalYear);
        Assert.Equal((12900m, "１２,９００"), (value.ActualValue!.Value, value.ActualText));
        Assert.Contains(await db.AuditEntries.Where(a => a.ItemId == scenario.OwnItemId).ToListAsync(), a => a.Action == "Submitted" && a.UserName == "editor");
        Assert.Equal("この評価は提出済のため、変更できません。", (await OpenAsync("editor", scenario.OwnItemId)).ReadOnlyReason);
    }

    [Fact]
    public async Task Submitting_without_result_rating_or_a_numeric_KPI_is_refused_at_the_fields_and_saves_nothing()
    {
        var empty = new EntryInput { Result = "", Kpis = [new KpiField { KpiId = scenario.KpiId, Actual = "たくさん" }] };
        var opened = await OpenAsync("editor", scenario.OwnItemId);
        var problems = empty.Problems(submit: true, opened.Context.Kpis);
        Assert.Equal("取組実績を入力してください。", problems["result"]);
        Assert.Equal("自己評価を選んでください。", problems["rating"]);
        Assert.Contains("数値として読み取れません", problems["kpi-0"], StringComparison.Ordinal);
        Assert.DoesNotContain("result", empty.Problems(submit: false, opened.Context.Kpis).Keys);

        var kpi = await Assert.ThrowsAsync<FieldRuleException>(() => SaveAsync("editor", scenario.OwnItemId, Part(scenario.SomuId, "実施した。", "A", (scenario.KpiId, "たくさん")), submit: true));
        Assert.Equal("kpi-0", kpi.Field);
        Assert.Contains("数値として読み取れません", kpi.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<FieldRuleException>(() => SaveAsync("editor", scenario.OwnItemId, Part(scenario.SomuId, "実施した。", "A", (scenario.KpiId, "")), submit: true));
        Assert.Equal("「電子申請件数」の実績値を入力してください（測定していない場合は「未測定」と入力）。", missing.Message);
        var result = await Assert.ThrowsAsync<DomainRuleException>(() => SaveAsync("editor", scenario.OwnItemId, Part(scenario.SomuId, " ", "A", (scenario.KpiId, "100")), submit: true));
        Assert.Equal("取組実績を入力してから提出してください。", result.Message);
        var rating = await Assert.ThrowsAsync<DomainRuleException>(() => SaveAsync("editor", scenario.OwnItemId, Part(scenario.SomuId, "実施した。", null, (scenario.KpiId, "100")), submit: true));
        Assert.Equal("自己評価を選んでから提出してください。", rating.Message);

        await using var db = database.CreateContext();
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));
    }

    [Fact]
    public async Task A_grade_not_in_the_scale_and_text_over_the_limit_are_refused()
    {
        var grade = await Assert.ThrowsAsync<DomainRuleException>(() => SaveAsync("editor", scenario.OwnItemId, Part(scenario.SomuId, "実施した。", "Z"), submit: false));
        Assert.Equal("評価「Z」はこの計画の評価区分にありません。", grade.Message);

        var tooLong = await Assert.ThrowsAsync<DomainRuleException>(() => SaveAsync("editor", scenario.OwnItemId, Part(scenario.SomuId, new string('あ', 10001), "A"), submit: false));
        Assert.StartsWith("取組実績は10,000文字以内で入力してください", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("取組実績は10,000文字以内で入力してください。", new EntryInput { Result = new string('あ', 10001) }.Problems(false, [])["result"]);

        await using var db = database.CreateContext();
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));
    }

    [Fact]
    public async Task A_shared_item_is_submitted_only_when_every_department_has_submitted_its_part()
    {
        await SaveAsync("editor", scenario.SharedItemId, Part(scenario.SomuId, "総務課の実施内容。", "B"), submit: true);
        await using var db = database.CreateContext();
        Assert.Equal(EvaluationStatus.Draft, (await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId))!.Status);

        var reviewerForm = await OpenAsync("reviewer", scenario.SharedItemId, scenario.DigitalId);
        Assert.Equal([scenario.SomuId, scenario.DigitalId], reviewerForm.Departments);
        Assert.Equal(scenario.DigitalId, reviewerForm.Input.DepartmentId);
        Assert.Equal(["総務課の実施内容。"], reviewerForm.Context.Evaluation!.Parts.Select(p => p.ResultText));
        await SaveAsync("reviewer", scenario.SharedItemId, Part(scenario.DigitalId, "デジタル推進課の実施内容。", "B") with { Loaded = reviewerForm.Input.Loaded }, submit: true);

        var evaluation = await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId);
        Assert.Equal(EvaluationStatus.Submitted, evaluation!.Status);
        Assert.Equal(["総務課の実施内容。", "デジタル推進課の実施内容。"], evaluation.Parts.OrderBy(p => p.SortOrder).Select(p => p.ResultText));
        var reviewer = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(reviewer, "reviewer", DemoData.Password);
        var review = await reviewer.GetStringAsync(scenario.ReviewUrl(scenario.SharedItemId));
        Assert.Contains("取組実績（総務課）", review, StringComparison.Ordinal);
        Assert.Contains("取組実績（デジタル推進課）", review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_autosaved_draft_is_the_users_own_unaudited_restored_when_newer_and_removed_by_the_save()
    {
        await using var db = database.CreateContext();
        var audits = await db.AuditEntries.CountAsync();
        var opened = await OpenAsync("editor", scenario.OwnItemId);
        opened.Input.Result = "入力途中の実績";
        opened.Input.SelfRating = "S";
        opened.Input.Kpis[0].Actual = "１２９";
        await WithAsync("editor", h => h.AutosaveAsync(scenario.PlanId, scenario.OwnItemId, WorkflowScenario.FiscalYear, opened.Input));
        opened.Input.Result = "入力途中の実績（続き）";
        await WithAsync("editor", h => h.AutosaveAsync(scenario.PlanId, scenario.OwnItemId, WorkflowScenario.FiscalYear, opened.Input));

        Assert.Equal(audits, await db.AuditEntries.CountAsync());
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));
        Assert.Equal(1, await db.EntryDrafts.CountAsync(d => d.ItemId == scenario.OwnItemId));
        var restored = await OpenAsync("editor", scenario.OwnItemId);
        Assert.NotNull(restored.RestoredDraftAt);
        Assert.Equal(("入力途中の実績（続き）", "S", "１２９"), (restored.Input.Result, restored.Input.SelfRating, restored.Input.Kpis[0].Actual));
        var admin = await OpenAsync("admin", scenario.OwnItemId);
        Assert.Null(admin.RestoredDraftAt);
        Assert.Null(admin.Input.Result);
        Assert.Null((await OpenAsync("editor", scenario.OwnItemId, restoreDraft: false)).RestoredDraftAt);

        await SaveAsync("editor", scenario.OwnItemId, restored.Input.ToPartInput(), submit: false);
        Assert.Equal(0, await db.EntryDrafts.CountAsync(d => d.ItemId == scenario.OwnItemId));
        Assert.Equal("入力途中の実績（続き）", (await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId))!.Parts.Single().ResultText);
        Assert.Null((await OpenAsync("editor", scenario.OwnItemId)).RestoredDraftAt);
    }

    [Fact]
    public async Task A_draft_older_than_what_was_saved_since_is_not_restored_and_a_draft_can_be_discarded()
    {
        var editorForm = await OpenAsync("editor", scenario.SharedItemId, scenario.SomuId);
        editorForm.Input.Result = "総務課の入力途中";
        await WithAsync("editor", h => h.AutosaveAsync(scenario.PlanId, scenario.SharedItemId, WorkflowScenario.FiscalYear, editorForm.Input));
        await SaveAsync("reviewer", scenario.SharedItemId, Part(scenario.SomuId, "推進課が後から保存した総務課の実績。", "A"), submit: false);

        var reopened = await OpenAsync("editor", scenario.SharedItemId, scenario.SomuId);
        Assert.Null(reopened.RestoredDraftAt);
        Assert.Equal("推進課が後から保存した総務課の実績。", reopened.Input.Result);

        reopened.Input.Result = "もう一度入力途中";
        await WithAsync("editor", h => h.AutosaveAsync(scenario.PlanId, scenario.SharedItemId, WorkflowScenario.FiscalYear, reopened.Input));
        Assert.NotNull((await OpenAsync("editor", scenario.SharedItemId, scenario.SomuId)).RestoredDraftAt);
        await WithAsync("editor", h => h.DiscardDraftAsync(scenario.PlanId, scenario.SharedItemId, WorkflowScenario.FiscalYear, scenario.SomuId));
        Assert.Null((await OpenAsync("editor", scenario.SharedItemId, scenario.SomuId)).RestoredDraftAt);
    }

    [Fact]
    public async Task A_KPI_actual_is_read_as_typed_with_the_KPIs_unit()
    {
        var kpis = (await OpenAsync("editor", scenario.OwnItemId)).Context.Kpis;

        Assert.Equal(new KpiReading(true, "読み取り：12,900件"), EntryInput.Reading(kpis[0], "１２,９００"));
        Assert.Equal(new KpiReading(true, "読み取り：12,900件"), EntryInput.Reading(kpis[0], "12900件"));
        Assert.Equal(new KpiReading(true, "読み取り：未測定"), EntryInput.Reading(kpis[0], "未測定"));
        Assert.Null(EntryInput.Reading(kpis[0], " "));
        Assert.False(EntryInput.Reading(kpis[0], "たくさん")!.Valid);
    }
}
