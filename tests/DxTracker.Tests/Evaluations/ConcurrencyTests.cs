using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;

namespace DxTracker.Tests.Evaluations;

/// <summary>Two people editing the same evaluation: the second save is refused, shows the first, and loses nothing.</summary>
public sealed class ConcurrencyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
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

    [Fact]
    public async Task The_second_save_is_refused_with_the_first_persons_text_and_keeps_the_second_persons_text()
    {
        var first = await SignedInAsync("editor");
        var second = await SignedInAsync("reviewer");
        var url = scenario.EntryUrl(scenario.SharedItemId) + $"?dept={scenario.SomuId}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostEntryAsync(first, await first.GetStringAsync(url), url, "最初の下書き。")).StatusCode);

        var firstForm = await first.GetStringAsync(url);
        var secondForm = await second.GetStringAsync(url);
        var saved = await PostEntryAsync(first, firstForm, url, "総務課が先に保存した実績。");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var refused = await PostEntryAsync(second, secondForm, url, "推進課が同時に書いた長い実績。");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("ほかの人が先に保存しました", html, StringComparison.Ordinal);
        Assert.Contains("editorさん", html, StringComparison.Ordinal);
        Assert.Contains("総務課が先に保存した実績。", html, StringComparison.Ordinal);
        Assert.Contains(">推進課が同時に書いた長い実績。</textarea>", html, StringComparison.Ordinal);
        await using (var db = database.CreateContext())
        {
            var part = (await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId))!.Parts.Single(p => p.DepartmentId == scenario.SomuId);
            Assert.Equal("総務課が先に保存した実績。", part.ResultText);
        }

        // Saving again from the conflict page is a deliberate overwrite.
        var overwrite = await PostEntryAsync(second, html, url, "推進課が同時に書いた長い実績。");
        Assert.Equal(HttpStatusCode.Redirect, overwrite.StatusCode);
        await using (var db = database.CreateContext())
        {
            var part = (await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId))!.Parts.Single(p => p.DepartmentId == scenario.SomuId);
            Assert.Equal("推進課が同時に書いた長い実績。", part.ResultText);
        }
    }

    [Fact]
    public async Task Two_first_drafts_at_once_do_not_fail_the_second_one_silently()
    {
        var first = await SignedInAsync("editor");
        var second = await SignedInAsync("admin");
        var url = scenario.EntryUrl(scenario.OwnItemId);
        var firstForm = await first.GetStringAsync(url);
        var secondForm = await second.GetStringAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, (await PostEntryAsync(first, firstForm, url, "一人目の実績。")).StatusCode);
        var refused = await PostEntryAsync(second, secondForm, url, "二人目の実績。");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("一人目の実績。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = factory.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, user, DemoData.Password);
        return client;
    }

    private static Task<HttpResponseMessage> PostEntryAsync(HttpClient client, string formHtml, string url, string result) =>
        EntryForm.PostFromPageAsync(client, formHtml, url, new Dictionary<string, string>
        {
            ["Input.Result"] = result,
            ["Input.SelfRating"] = "A",
            ["Input.Action"] = "draft",
        });
}
