using System.Net;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// Over HTTP, what is left of the workflow's authorization once its pages are interactive: another department's entry
/// form is refused on the first request. Every mutating action has its matrix (role × own/other department × year
/// state, and a refusal changes no row) on its handler: EnterResult/EntryAuthorizationMatrixTests and
/// ReviewAuthorizationMatrixTests.
/// </summary>
public sealed class AuthorizationMatrixTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly string[] Users = ["editor", "viewer"];

    private DxWebApplicationFactory factory = null!;
    private WorkflowScenario scenario = null!;
    private readonly Dictionary<string, HttpClient> clients = [];

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        factory.CreateClient();
        scenario = await WorkflowScenario.CreateAsync(database.ConnectionString);
        foreach (var user in Users)
        {
            var client = factory.CreateBrowserLikeClient();
            await FormPost.SignInAsync(client, user, DemoData.Password);
            clients[user] = client;
        }
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Theory]
    [InlineData("editor")]
    [InlineData("viewer")]
    public async Task Another_departments_entry_form_cannot_even_be_read(string user)
    {
        await WorkflowBaseline.ResetAsync(database.ConnectionString, scenario, PlanYearState.Open);

        var response = await clients[user].GetAsync(scenario.EntryUrl(scenario.OtherItemId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("この操作を行う権限がありません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
