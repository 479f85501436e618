using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Evaluations.EnterResult;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Evaluations;

/// <summary>The year-end workflow: the review pages over HTTP as they post, the entry through its handler.</summary>
public sealed class EntryAndReviewTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
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

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, user, DemoData.Password);
        return client;
    }

    /// <summary>The editor's save, as the interactive entry form sends it (EnterResult has its own tests).</summary>
    private async Task EnterAsync(string user, int itemId, int departmentId, string result, string rating, bool submit)
    {
        await using var s = await HandlerScope.ForAsync(factory.Services, user);
        var handler = s.Get<EnterResultHandler>();
        var form = (await handler.OpenAsync(scenario.PlanId, itemId, WorkflowScenario.FiscalYear, departmentId, restoreDraft: false)).Input;
        form.Result = result;
        form.SelfRating = rating;
        await handler.SaveAsync(scenario.PlanId, itemId, WorkflowScenario.FiscalYear, form.ToPartInput(), submit);
    }

    [Fact]
    public async Task Reviewer_returns_with_a_comment_the_editor_sees_it_resubmits_and_the_reviewer_approves_with_a_changed_rating()
    {
        var reviewer = await SignedInAsync("reviewer");
        var editor = await SignedInAsync("editor");

        var returned = await FormPost.PostAsync(reviewer, scenario.ReviewUrl(scenario.SubmittedItemId), "return",
            new Dictionary<string, string> { ["Returning.Comment"] = "配備台数の根拠を追記してください。" });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);

        var entry = await editor.GetStringAsync(scenario.EntryUrl(scenario.SubmittedItemId));
        Assert.Contains("デジタル推進課から差し戻されました", entry, StringComparison.Ordinal);
        Assert.Contains("配備台数の根拠を追記してください。", entry, StringComparison.Ordinal);

        await EnterAsync("editor", scenario.SubmittedItemId, scenario.SomuId, "テレワーク端末を100台（全職員の1割）配備した。", "A", submit: true);

        var withoutReason = await FormPost.PostAsync(reviewer, scenario.ReviewUrl(scenario.SubmittedItemId), "approve",
            new Dictionary<string, string> { ["Approval.FinalRating"] = "B" });
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Contains("自己評価と異なる評価にする場合は、その理由を入力してください。", await withoutReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var approved = await FormPost.PostAsync(reviewer, scenario.ReviewUrl(scenario.SubmittedItemId), "approve",
            new Dictionary<string, string> { ["Approval.FinalRating"] = "B", ["Approval.Reason"] = "利用率が目標に届いていないため。" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

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
    public async Task The_reviewer_sees_the_queue_and_department_progress_and_the_editor_sees_their_items_and_deadline()
    {
        var reviewer = await SignedInAsync("reviewer");
        var home = await reviewer.GetStringAsync("/");
        Assert.Contains("確認待ち（提出済 1件", home, StringComparison.Ordinal);
        Assert.Contains("部署別の入力状況", home, StringComparison.Ordinal);

        var editor = await SignedInAsync("editor2");
        var mine = await editor.GetStringAsync("/");
        Assert.Contains("空家対策の推進", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("電子申請の拡充", mine, StringComparison.Ordinal);
        Assert.Contains("入力期限: 令和4年5月31日", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_approval_approves_the_checked_submissions()
    {
        var reviewer = await SignedInAsync("reviewer");
        await using var db = database.CreateContext();
        var id = (await WorkflowScenario.EvaluationAsync(db, scenario.SubmittedItemId))!.Id;
        var page = await reviewer.GetStringAsync(scenario.BulkUrl);
        Assert.Contains("テレワークの推進", page, StringComparison.Ordinal);

        var response = await FormPost.PostAsync(reviewer, scenario.BulkUrl, "bulk-approve",
            new Dictionary<string, string> { ["evaluationId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(EvaluationStatus.Approved, (await WorkflowScenario.EvaluationAsync(db, scenario.SubmittedItemId))!.Status);
    }

    [Fact]
    public async Task After_closing_the_year_nobody_can_edit_and_an_admin_can_reopen_it_with_a_reason()
    {
        var reviewer = await SignedInAsync("reviewer");
        var close = await FormPost.PostAsync(reviewer, scenario.ManageUrl, "close", new Dictionary<string, string> { ["Closing.Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);

        var editor = await SignedInAsync("editor");
        var form = await editor.GetStringAsync(scenario.EntryUrl(scenario.OwnItemId));
        Assert.Contains("令和3年度は確定済みのため、変更できません。", form, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => EnterAsync("editor", scenario.OwnItemId, scenario.SomuId, "確定後の書き換え", "S", submit: false));
        Assert.Equal("令和3年度は確定済みのため、変更できません。", refused.Message);
        await using var db = database.CreateContext();
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));

        var admin = await SignedInAsync("admin");
        var noReason = await FormPost.PostAsync(admin, scenario.ManageUrl, "reopen", new Dictionary<string, string> { ["Reopening.Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("解除する理由を入力してください。", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reopen = await FormPost.PostAsync(admin, scenario.ManageUrl, "reopen", new Dictionary<string, string> { ["Reopening.Reason"] = "実績値の誤りを訂正するため。" });
        Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);
        Assert.Equal(PlanYearState.InReview, (await db.PlanYears.SingleAsync(y => y.PlanId == scenario.PlanId && y.FiscalYear == WorkflowScenario.FiscalYear)).State);
        Assert.Contains(await db.AuditEntries.Where(a => a.PlanId == scenario.PlanId).ToListAsync(), a => a.Action == "Reopened" && a.Comment == "実績値の誤りを訂正するため。" && a.UserName == "admin");
    }
}
