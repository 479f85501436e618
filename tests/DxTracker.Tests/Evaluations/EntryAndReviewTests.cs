using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Evaluations;

/// <summary>The entry side of the year-end workflow over HTTP, as the pages post it (the reviewer's side: <see cref="ReviewHandlerTests"/>).</summary>
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

    private static Dictionary<string, string> Entry(int departmentId, string result, string? rating, string action, params (int KpiId, string Actual)[] kpis)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.DepartmentId"] = departmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Result"] = result,
            ["Input.Improvement"] = "次年度は対象手続を拡大する。",
            ["Input.Action"] = action,
        };
        if (rating is not null)
        {
            fields["Input.SelfRating"] = rating;
        }
        for (var i = 0; i < kpis.Length; i++)
        {
            fields[$"Input.Kpis[{i}].KpiId"] = kpis[i].KpiId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"Input.Kpis[{i}].Actual"] = kpis[i].Actual;
        }
        return fields;
    }

    [Fact]
    public async Task Editor_saves_a_draft_then_submits_with_a_full_width_KPI_actual()
    {
        var client = await SignedInAsync("editor");
        var form = await client.GetStringAsync(scenario.EntryUrl(scenario.OwnItemId));
        Assert.Contains("目標や計画どおりの達成状況であった。", form, StringComparison.Ordinal);
        Assert.Contains("12,000件", form, StringComparison.Ordinal);
        Assert.Contains("9,800件", form, StringComparison.Ordinal);

        var draft = await EntryForm.PostAsync(client, scenario.EntryUrl(scenario.OwnItemId), Entry(scenario.SomuId, "(1) 電子申請を30手続追加した。", "A", "draft", (scenario.KpiId, "１２,９００")));
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Contains("saved=draft", FormPost.RedirectTarget(draft), StringComparison.Ordinal);

        var submit = await EntryForm.PostAsync(client, scenario.EntryUrl(scenario.OwnItemId), Entry(scenario.SomuId, "(1) 電子申請を30手続追加した。", "A", "submit", (scenario.KpiId, "１２,９００")));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);

        await using var db = database.CreateContext();
        var evaluation = await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId);
        Assert.Equal(EvaluationStatus.Submitted, evaluation!.Status);
        Assert.Equal("(1) 電子申請を30手続追加した。", evaluation.Parts.Single().ResultText);
        var value = await db.KpiValues.SingleAsync(v => v.KpiId == scenario.KpiId && v.FiscalYear == WorkflowScenario.FiscalYear);
        Assert.Equal((12900m, "１２,９００"), (value.ActualValue!.Value, value.ActualText));
        Assert.Contains(await db.AuditEntries.Where(a => a.ItemId == scenario.OwnItemId).ToListAsync(), a => a.Action == "Submitted" && a.UserName == "editor");
    }

    [Fact]
    public async Task Submitting_without_result_rating_or_a_numeric_KPI_gives_messages_at_the_fields_and_saves_nothing()
    {
        var client = await SignedInAsync("editor");

        var response = await EntryForm.PostAsync(client, scenario.EntryUrl(scenario.OwnItemId), Entry(scenario.SomuId, "", null, "submit", (scenario.KpiId, "たくさん")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("取組実績を入力してください。", html, StringComparison.Ordinal);
        Assert.Contains("自己評価を選んでください。", html, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));

        var kpi = await EntryForm.PostAsync(client, scenario.EntryUrl(scenario.OwnItemId), Entry(scenario.SomuId, "実施した。", "A", "submit", (scenario.KpiId, "たくさん")));
        Assert.Equal(HttpStatusCode.BadRequest, kpi.StatusCode);
        Assert.Contains("数値として読み取れません", await kpi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));
    }

    [Fact]
    public async Task A_grade_not_in_the_scale_and_text_over_the_limit_are_refused()
    {
        var client = await SignedInAsync("editor");

        var grade = await EntryForm.PostAsync(client, scenario.EntryUrl(scenario.OwnItemId), Entry(scenario.SomuId, "実施した。", "Z", "draft"));
        Assert.Equal(HttpStatusCode.BadRequest, grade.StatusCode);
        Assert.Contains("評価「Z」はこの計画の評価区分にありません。", await grade.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tooLong = await EntryForm.PostAsync(client, scenario.EntryUrl(scenario.OwnItemId), Entry(scenario.SomuId, new string('あ', 10001), "A", "draft"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("取組実績は10,000文字以内で入力してください。", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = database.CreateContext();
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, scenario.OwnItemId));
    }

    [Fact]
    public async Task A_shared_item_is_submitted_only_when_every_department_has_submitted_its_part()
    {
        var editor = await SignedInAsync("editor");
        await EntryForm.PostAsync(editor, scenario.EntryUrl(scenario.SharedItemId), Entry(scenario.SomuId, "総務課の実施内容。", "B", "submit"));
        await using var db = database.CreateContext();
        Assert.Equal(EvaluationStatus.Draft, (await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId))!.Status);

        var reviewer = await SignedInAsync("reviewer");
        var response = await EntryForm.PostAsync(reviewer, scenario.EntryUrl(scenario.SharedItemId) + $"?dept={scenario.DigitalId}", Entry(scenario.DigitalId, "デジタル推進課の実施内容。", "B", "submit"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var evaluation = await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId);
        Assert.Equal(EvaluationStatus.Submitted, evaluation!.Status);
        Assert.Equal(["総務課の実施内容。", "デジタル推進課の実施内容。"], evaluation.Parts.OrderBy(p => p.SortOrder).Select(p => p.ResultText));
        var review = await reviewer.GetStringAsync(scenario.ReviewUrl(scenario.SharedItemId));
        Assert.Contains("取組実績（総務課）", review, StringComparison.Ordinal);
        Assert.Contains("取組実績（デジタル推進課）", review, StringComparison.Ordinal);
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
}
