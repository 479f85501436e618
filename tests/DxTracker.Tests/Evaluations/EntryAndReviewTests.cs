using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// The start pages over HTTP (prerendered). The entry and review actions are tested on their handlers:
/// EnterResult/EnterResultHandlerTests and ReviewHandlerTests.
/// </summary>
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
