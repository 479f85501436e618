using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Features.Evaluations.EnterResult;
using DxTracker.Web.Features.Evaluations.ReviewEvaluation;
using DxTracker.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// Who sees what: until approved, an evaluation's texts, KPI actuals, return comments and their history reach the
/// item's departments, the office and administrators only; a viewer and another department read approved content
/// only — on the item page and in its history, as the server renders them.
/// </summary>
public sealed class DraftVisibilityTests(DatabaseFixture database) : WorkflowTest(database)
{
    private const string DraftText = "テレワーク端末を100台配備した。";
    private const string ReturnComment = "配備台数の根拠を追記してください。";
    private const string ApprovedText = "前年度は電子申請を20手続追加した。";
    private const string DraftActual = "１２,３４５";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        // The submitted item is returned with a comment; the own item gets this year's KPI actual in a draft.
        await using (var reviewer = await HandlerScope.ForAsync(Factory.Services, "reviewer"))
        {
            await using var db = Database.CreateContext();
            var version = await db.Evaluations.Where(e => e.ItemId == Scenario.SubmittedItemId && e.FiscalYear == WorkflowScenario.FiscalYear).Select(e => e.Version).SingleAsync();
            await reviewer.Get<ReviewHandler>().ReturnAsync(Scenario.PlanId, Scenario.SubmittedItemId, WorkflowScenario.FiscalYear, ReturnComment, version);
        }
        await using var editor = await HandlerScope.ForAsync(Factory.Services, "editor");
        var handler = editor.Get<EnterResultHandler>();
        var form = (await handler.OpenAsync(Scenario.PlanId, Scenario.OwnItemId, WorkflowScenario.FiscalYear, null, restoreDraft: false)).Input;
        form.Result = "今年度の下書き。";
        form.Kpis[0].Actual = DraftActual;
        await handler.SaveAsync(Scenario.PlanId, Scenario.OwnItemId, WorkflowScenario.FiscalYear, form.ToPartInput(), submit: false);
    }

    private async Task<string> ItemPageAsync(string user, int itemId)
    {
        var client = Factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, user, DemoData.Password);
        return await client.GetStringAsync($"/plans/{Scenario.PlanId}/items/{itemId}");
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("editor2")]
    public async Task A_viewer_and_another_department_read_approved_content_only(string user)
    {
        var returned = await ItemPageAsync(user, Scenario.SubmittedItemId);
        Assert.DoesNotContain(DraftText, returned, StringComparison.Ordinal);
        Assert.DoesNotContain(ReturnComment, returned, StringComparison.Ordinal);
        Assert.Contains("承認前の内容（入力中の実績・評価・差戻しコメント）は、担当部署とデジタル推進課だけが見られます。", returned, StringComparison.Ordinal);

        var own = await ItemPageAsync(user, Scenario.OwnItemId);
        Assert.Contains(ApprovedText, own, StringComparison.Ordinal);
        Assert.Contains("9,800件", own, StringComparison.Ordinal);
        Assert.DoesNotContain("今年度の下書き。", own, StringComparison.Ordinal);
        Assert.DoesNotContain(DraftActual, own, StringComparison.Ordinal);
        Assert.DoesNotContain("12,345", own, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("reviewer")]
    [InlineData("admin")]
    public async Task The_items_department_and_the_office_read_the_draft_the_return_and_their_history(string user)
    {
        var returned = await ItemPageAsync(user, Scenario.SubmittedItemId);
        Assert.Contains(DraftText, returned, StringComparison.Ordinal);
        Assert.Contains(ReturnComment, returned, StringComparison.Ordinal);
        Assert.DoesNotContain("承認前の内容（入力中の実績・評価・差戻しコメント）は", returned, StringComparison.Ordinal);

        var own = await ItemPageAsync(user, Scenario.OwnItemId);
        Assert.Contains("今年度の下書き。", own, StringComparison.Ordinal);
        Assert.Contains(DraftActual, own, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("viewer", false)]
    [InlineData("editor2", false)]
    [InlineData("editor", true)]
    [InlineData("reviewer", true)]
    public async Task The_plan_page_shows_filters_and_sorts_a_draft_rating_only_to_those_who_may_read_it(string user, bool readsDrafts)
    {
        await using var s = await HandlerScope.ForAsync(Factory.Services, user);
        var query = s.Get<PlanPageQuery>();
        var year = WorkflowScenario.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var all = await query.LoadAsync(Scenario.PlanId, year, PlanPageFilter.None, 1);
        var returned = all!.Data!.Rows.Single(r => r.Id == Scenario.SubmittedItemId);
        var gradeA = await query.LoadAsync(Scenario.PlanId, year, PlanPageFilter.None with { Grade = "A" }, 1);

        // The returned No.4 carries the self-rating A of its unapproved evaluation.
        Assert.Equal(readsDrafts ? "A" : null, returned.SelfRating);
        Assert.Equal(readsDrafts, gradeA!.Data!.Rows.Any(r => r.Id == Scenario.SubmittedItemId));
    }
}
