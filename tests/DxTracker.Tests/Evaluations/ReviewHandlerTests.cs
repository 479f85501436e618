using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Evaluations.BulkApproval;
using DxTracker.Web.Features.Evaluations.EnterResult;
using DxTracker.Web.Features.Evaluations.ManageYear;
using DxTracker.Web.Features.Evaluations.ReviewEvaluation;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// The reviewer's side of the year-end workflow at handler level, as the interactive pages send it: return, approve
/// (with a changed rating), bulk approval, close and reopen. The editor's side still goes through its own page.
/// </summary>
public sealed class ReviewHandlerTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
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

    private Task<HandlerScope> As(string user) => HandlerScope.ForAsync(factory.Services, user);

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, user, DemoData.Password);
        return client;
    }

    private async Task<uint> EvaluationVersionAsync(int itemId)
    {
        await using var db = database.CreateContext();
        return (await WorkflowScenario.EvaluationAsync(db, itemId))!.Version;
    }

    private async Task<uint> YearVersionAsync()
    {
        await using var db = database.CreateContext();
        return (await db.PlanYears.AsNoTracking().SingleAsync(y => y.PlanId == scenario.PlanId && y.FiscalYear == WorkflowScenario.FiscalYear)).Version;
    }

    /// <summary>The editor's save, as the interactive entry form sends it: open the form, change it, save.</summary>
    private async Task EnterAsync(string user, int itemId, Action<EntryInput> change, bool submit)
    {
        await using var scope = await As(user);
        var entry = scope.Get<EnterResultHandler>();
        var opened = await entry.OpenAsync(scenario.PlanId, itemId, WorkflowScenario.FiscalYear, scenario.SomuId);
        change(opened.Input);
        await entry.SaveAsync(scenario.PlanId, itemId, WorkflowScenario.FiscalYear, opened.Input.ToPartInput(), submit);
    }

    [Fact]
    public async Task Reviewer_returns_with_a_comment_the_editor_sees_it_resubmits_and_the_reviewer_approves_with_a_changed_rating()
    {
        await using (var reviewer = await As("reviewer"))
        {
            await reviewer.Get<ReviewHandler>().ReturnAsync(scenario.PlanId, scenario.SubmittedItemId, WorkflowScenario.FiscalYear, "配備台数の根拠を追記してください。", await EvaluationVersionAsync(scenario.SubmittedItemId));
        }

        var editor = await SignedInAsync("editor");
        var entry = await editor.GetStringAsync(scenario.EntryUrl(scenario.SubmittedItemId));
        Assert.Contains("デジタル推進課から差し戻されました", entry, StringComparison.Ordinal);
        Assert.Contains("配備台数の根拠を追記してください。", entry, StringComparison.Ordinal);
await EnterAsync("editor", scenario.SubmittedItemId, input =>
        {
            input.Result = "テレワーク端末を100台（全職員の1割）配備した。";
            input.Improvement = "次年度は対象手続を拡大する。";
            input.SelfRating = "A";
        }, submit: true);

        await using (var reviewer = await As("reviewer"))
        {
            var handler = reviewer.Get<ReviewHandler>();
            var version = await EvaluationVersionAsync(scenario.SubmittedItemId);
            var withoutReason = await Assert.ThrowsAsync<DomainRuleException>(() => handler.ApproveAsync(scenario.PlanId, scenario.SubmittedItemId, WorkflowScenario.FiscalYear, "B", "  ", version));
            Assert.Equal("自己評価と異なる評価にする場合は、その理由を入力してください。", withoutReason.Message);
            Assert.Equal(version, await EvaluationVersionAsync(scenario.SubmittedItemId));

            await handler.ApproveAsync(scenario.PlanId, scenario.SubmittedItemId, WorkflowScenario.FiscalYear, "B", "利用率が目標に届いていないため。", version);
        }

        await using var db = database.CreateContext();
        var evaluation = await WorkflowScenario.EvaluationAsync(db, scenario.SubmittedItemId);
        Assert.Equal((EvaluationStatus.Approved, "A", "B", "利用率が目標に届いていないため。"), (evaluation!.Status, evaluation.SelfRating, evaluation.FinalRating, evaluation.FinalRatingReason));
        var steps = await db.AuditEntries.Where(a => a.ItemId == scenario.SubmittedItemId && a.Comment != null).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["Returned", "Submitted", "Approved"], steps);

        var history = await editor.GetStringAsync($"/plans/{scenario.PlanId}/items/{scenario.SubmittedItemId}/history");
        Assert.Contains(">差戻し</span>", history, StringComparison.Ordinal);
        Assert.Contains(">提出（総務課）</span>", history, StringComparison.Ordinal);
        Assert.DoesNotContain("ApprovedAt", history, StringComparison.Ordinal);
        Assert.Contains("「配備台数の根拠を追記してください。」", history, StringComparison.Ordinal);
        Assert.Contains("「評価をAからBに変更: 利用率が目標に届いていないため。」", history, StringComparison.Ordinal);
        Assert.Contains("部署の記載の取組実績を変更</span>：テレワーク端末を100台配備した。 → テレワーク端末を100台（全職員の1割）配備した。", history, StringComparison.Ordinal);
        Assert.Contains("reviewer", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_without_a_comment_is_refused_and_changes_nothing()
    {
        await using var reviewer = await As("reviewer");
        var version = await EvaluationVersionAsync(scenario.SubmittedItemId);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => reviewer.Get<ReviewHandler>().ReturnAsync(scenario.PlanId, scenario.SubmittedItemId, WorkflowScenario.FiscalYear, " ", version));

        Assert.Equal("差戻しの理由（コメント）を入力してください。", refused.Message);
        Assert.Equal(version, await EvaluationVersionAsync(scenario.SubmittedItemId));
    }

    [Fact]
    public async Task Approving_what_someone_else_changed_meanwhile_is_a_conflict_in_Japanese_and_changes_nothing()
    {
        var loaded = await EvaluationVersionAsync(scenario.SubmittedItemId);
        await using (var other = await As("admin"))
        {
            await other.Get<ReviewHandler>().ReturnAsync(scenario.PlanId, scenario.SubmittedItemId, WorkflowScenario.FiscalYear, "根拠を追記してください。", loaded);
        }
        var afterReturn = await EvaluationVersionAsync(scenario.SubmittedItemId);
        await using var reviewer = await As("reviewer");

        var conflict = await Assert.ThrowsAsync<ReviewConflictException>(() => reviewer.Get<ReviewHandler>().ApproveAsync(scenario.PlanId, scenario.SubmittedItemId, WorkflowScenario.FiscalYear, null, null, loaded));

        Assert.Equal(ReviewHandler.ConflictMessage, conflict.Message);
        await using var db = database.CreateContext();
        var evaluation = await WorkflowScenario.EvaluationAsync(db, scenario.SubmittedItemId);
        Assert.Equal((EvaluationStatus.Returned, afterReturn), (evaluation!.Status, evaluation.Version));
    }

    [Fact]
    public async Task The_review_page_loads_this_year_beside_last_year_and_refuses_an_editor()
    {
        await using var reviewer = await As("reviewer");
        var context = await reviewer.Get<ReviewHandler>().LoadAsync(scenario.PlanId, scenario.OwnItemId, WorkflowScenario.FiscalYear);
        Assert.Null(context.Evaluation);
        Assert.Equal("前年度は電子申請を20手続追加した。", context.PreviousEvaluation!.Parts.Single().ResultText);
        Assert.Equal("電子申請件数", context.Kpis.Single().Name);

        await using var editor = await As("editor");
        await Assert.ThrowsAsync<ForbiddenException>(() => editor.Get<ReviewHandler>().LoadAsync(scenario.PlanId, scenario.SubmittedItemId, WorkflowScenario.FiscalYear));
        var page = await (await SignedInAsync("reviewer")).GetStringAsync(scenario.ReviewUrl(scenario.SubmittedItemId));
        Assert.Contains("テレワーク端末を100台配備した。", page, StringComparison.Ordinal);
        Assert.Contains("令和2年度（前年度）", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_approval_lists_the_submissions_with_their_department_and_the_resubmitted_ones_and_approves_the_checked_ones()
    {
        await using var reviewer = await As("reviewer");
        var handler = reviewer.Get<BulkApprovalHandler>();
        var view = await handler.LoadAsync(scenario.PlanId, WorkflowScenario.FiscalYear);
        var entry = Assert.Single(view.Submitted);
        Assert.Equal(("テレワークの推進", "総務課", false), (entry.Title, entry.Departments, entry.Resubmitted));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => handler.ApproveAsync(scenario.PlanId, WorkflowScenario.FiscalYear, []));
        Assert.Equal("承認する項目を1件以上選んでください。", refused.Message);

        Assert.Equal(1, await handler.ApproveAsync(scenario.PlanId, WorkflowScenario.FiscalYear, [entry.EvaluationId]));
        await using var db = database.CreateContext();
        Assert.Equal(EvaluationStatus.Approved, (await WorkflowScenario.EvaluationAsync(db, scenario.SubmittedItemId))!.Status);
        Assert.Contains(await db.AuditEntries.Where(a => a.ItemId == scenario.SubmittedItemId).ToListAsync(), a => a.Action == "Approved" && a.Comment == "一括承認" && a.UserName == "reviewer");
        // Already approved: a second click approves nothing.
        Assert.Equal(0, await handler.ApproveAsync(scenario.PlanId, WorkflowScenario.FiscalYear, [entry.EvaluationId]));
    }

    [Fact]
    public async Task A_returned_and_submitted_again_evaluation_is_marked_resubmitted()
    {
        await using var reviewer = await As("reviewer");
        await reviewer.Get<ReviewHandler>().ReturnAsync(scenario.PlanId, scenario.SubmittedItemId, WorkflowScenario.FiscalYear, "追記してください。", await EvaluationVersionAsync(scenario.SubmittedItemId));
        Assert.Empty((await reviewer.Get<BulkApprovalHandler>().LoadAsync(scenario.PlanId, WorkflowScenario.FiscalYear)).Submitted);

        await using (var db = TestDatabase.CreateAuditedContext(database.ConnectionString, "editor"))
        {
            var evaluation = await db.Evaluations.Include(e => e.Parts).SingleAsync(e => e.ItemId == scenario.SubmittedItemId && e.FiscalYear == WorkflowScenario.FiscalYear);
            var year = await db.PlanYears.SingleAsync(y => y.PlanId == scenario.PlanId && y.FiscalYear == WorkflowScenario.FiscalYear);
            evaluation.SubmitPart(year, scenario.SomuId, [scenario.SomuId], "editor", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var entry = Assert.Single((await reviewer.Get<BulkApprovalHandler>().LoadAsync(scenario.PlanId, WorkflowScenario.FiscalYear)).Submitted);
        Assert.True(entry.Resubmitted);
    }

    [Fact]
    public async Task After_closing_the_year_nobody_can_edit_and_an_admin_can_reopen_it_with_a_reason()
    {
        await using (var reviewer = await As("reviewer"))
        {
            var handler = reviewer.Get<ManageYearHandler>();
            var view = await handler.LoadAsync(scenario.PlanId, WorkflowScenario.FiscalYear);
            Assert.Equal(4, view.Unapproved);
            var version = view.Year!.Version;
            var noReason = await Assert.ThrowsAsync<DomainRuleException>(() => handler.CloseAsync(scenario.PlanId, WorkflowScenario.FiscalYear, null, version));
            Assert.Equal("承認していない項目が4件あります。このまま確定する理由を入力してください。", noReason.Message);
            Assert.Equal(PlanYearState.Open, (await handler.LoadAsync(scenario.PlanId, WorkflowScenario.FiscalYear)).Year!.State);

            await handler.CloseAsync(scenario.PlanId, WorkflowScenario.FiscalYear, "未提出の項目は次年度に繰り越すため。", version);
            await Assert.ThrowsAsync<ForbiddenException>(() => handler.ReopenAsync(scenario.PlanId, WorkflowScenario.FiscalYear, "訂正のため。", version + 1));
        }

        var editor = await SignedInAsync("editor");
        var form = await editor.GetStringAsync(scenario.EntryUrl(scenario.OwnItemId));
        Assert.Contains("令和3年度は確定済みのため、変更できません。", form, StringComparison.Ordinal);
var refused = await Assert.ThrowsAsync<DomainRuleException>(() => EnterAsync("editor", scenario.OwnItemId, input =>
        {
            input.Result = "確定後の書き換え";
            input.SelfRating = "S";
        }, submit: false));
        Assert.Equal("令和3年度は確定済みのため、変更できません。", refused.Message);
        await using var db = database.CreateContext();
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));

        await using var admin = await As("admin");
        var years = admin.Get<ManageYearHandler>();
        var noReopenReason = await Assert.ThrowsAsync<DomainRuleException>(async () => await years.ReopenAsync(scenario.PlanId, WorkflowScenario.FiscalYear, "", await YearVersionAsync()));
        Assert.Equal("確定を解除する理由を入力してください。", noReopenReason.Message);
        await years.ReopenAsync(scenario.PlanId, WorkflowScenario.FiscalYear, "実績値の誤りを訂正するため。", await YearVersionAsync());
        Assert.Equal(PlanYearState.InReview, (await db.PlanYears.AsNoTracking().SingleAsync(y => y.PlanId == scenario.PlanId && y.FiscalYear == WorkflowScenario.FiscalYear)).State);
        var audit = await db.AuditEntries.Where(a => a.PlanId == scenario.PlanId && a.ItemId == null && a.Comment != null).ToListAsync();
        Assert.Contains(audit, a => a.Action == "Closed" && a.Comment == "未提出の項目は次年度に繰り越すため。" && a.UserName == "reviewer");
        Assert.Contains(audit, a => a.Action == "Reopened" && a.Comment == "実績値の誤りを訂正するため。" && a.UserName == "admin");
    }

    [Fact]
    public async Task The_year_is_opened_with_a_deadline_put_under_review_and_its_conclusion_saved_and_a_stale_version_is_refused()
    {
        await using var reviewer = await As("reviewer");
        var handler = reviewer.Get<ManageYearHandler>();

        await handler.OpenAsync(scenario.PlanId, WorkflowScenario.FiscalYear, new DateOnly(2022, 6, 30), await YearVersionAsync());
        var stale = await YearVersionAsync();
        await handler.WriteConclusionAsync(scenario.PlanId, WorkflowScenario.FiscalYear, "計画どおり進んだ。", stale);
        var conflict = await Assert.ThrowsAsync<DomainRuleException>(() => handler.WriteConclusionAsync(scenario.PlanId, WorkflowScenario.FiscalYear, "上書き", stale));
        Assert.Equal(ManageYearHandler.ConflictMessage, conflict.Message);
        var tooLong = await Assert.ThrowsAsync<DomainRuleException>(async () => await handler.WriteConclusionAsync(scenario.PlanId, WorkflowScenario.FiscalYear, new string('あ', PlanYear.ConclusionMaxLength + 1), await YearVersionAsync()));
        Assert.Contains("総括", tooLong.Message, StringComparison.Ordinal);
        await handler.StartReviewAsync(scenario.PlanId, WorkflowScenario.FiscalYear, await YearVersionAsync());

        var year = (await handler.LoadAsync(scenario.PlanId, WorkflowScenario.FiscalYear)).Year!;
        Assert.Equal((PlanYearState.InReview, new DateOnly(2022, 6, 30), "計画どおり進んだ。"), (year.State, year.EntryDeadline, year.Conclusion));
        var again = await Assert.ThrowsAsync<DomainRuleException>(() => handler.StartReviewAsync(scenario.PlanId, WorkflowScenario.FiscalYear, year.Version));
        Assert.Contains("入力受付中の年度だけです", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_never_opened_is_created_when_entry_opens()
    {
        await using var reviewer = await As("reviewer");
        var handler = reviewer.Get<ManageYearHandler>();
        Assert.Null((await handler.LoadAsync(scenario.PlanId, 2022)).Year);
        await Assert.ThrowsAsync<DomainRuleException>(() => handler.StartReviewAsync(scenario.PlanId, 2022, 0));

        await handler.OpenAsync(scenario.PlanId, 2022, new DateOnly(2023, 5, 31), null);

        Assert.Equal(PlanYearState.Open, (await handler.LoadAsync(scenario.PlanId, 2022)).Year!.State);
        await Assert.ThrowsAsync<NotFoundException>(() => handler.LoadAsync(scenario.PlanId, 2030));
    }

    [Theory]
    [InlineData("2022-06-30", 2022, 6, 30)]
    [InlineData("２０２２/６/３０", 2022, 6, 30)]
    [InlineData("2022年6月30日", 2022, 6, 30)]
    [InlineData("令和4年6月30日", 2022, 6, 30)]
    [InlineData("令和元年5月1日", 2019, 5, 1)]
    [InlineData("平成31年3月31日", 2019, 3, 31)]
    public void A_deadline_is_read_in_western_and_era_forms(string text, int year, int month, int day)
    {
        Assert.True(DeadlineText.TryParse(text, out var date, out var error), error);
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("", "入力期限を入力してください。")]
    [InlineData("来月末", "日付として読み取れません。2022-06-30 または 令和4年6月30日 の形で入力してください。")]
    [InlineData("2022-02-30", "存在しない日付です。")]
    public void A_deadline_that_cannot_be_read_says_why(string text, string message)
    {
        Assert.False(DeadlineText.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }
}
