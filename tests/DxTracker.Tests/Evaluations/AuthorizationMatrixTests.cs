using System.Globalization;
using System.Net;
using System.Text;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// Every mutating endpoint of the workflow still posted as a form × every role × own/other department × every year
/// state: the server allows exactly what the spec allows, and a refused request changes nothing. The entry form is
/// interactive: its actions have their matrix on the handler (EnterResult/EntryAuthorizationMatrixTests).
/// </summary>
public sealed class AuthorizationMatrixTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly PlanYearState[] States = [PlanYearState.Preparing, PlanYearState.Open, PlanYearState.InReview, PlanYearState.Closed];
    private static readonly string[] Users = ["admin", "reviewer", "editor", "viewer"];

    private DxWebApplicationFactory factory = null!;
    private WorkflowScenario scenario = null!;
    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly Dictionary<string, string> tokens = [];

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
            tokens[user] = await FormPost.AntiforgeryTokenAsync(client, "/");
        }
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private sealed record Action(string Name, Func<WorkflowScenario, string> Url, string Form, Func<WorkflowScenario, long, Dictionary<string, string>> Fields);

    private static readonly Action[] Actions =
    [
        new("approve", s => s.ReviewUrl(s.SubmittedItemId), "approve", (_, _) => new() { ["Approval.FinalRating"] = "" }),
        new("return", s => s.ReviewUrl(s.SubmittedItemId), "return", (_, _) => new() { ["Returning.Comment"] = "修正してください。" }),
        new("year-open", s => s.ManageUrl, "open", (_, _) => new() { ["Opening.Deadline"] = "2022-06-30" }),
        new("year-conclusion", s => s.ManageUrl, "conclusion", (_, _) => new() { ["Concluding.Conclusion"] = "総括の文章。" }),
        new("year-review", s => s.ManageUrl, "review", (_, _) => []),
        new("year-close", s => s.ManageUrl, "close", (_, _) => new() { ["Closing.Confirmed"] = "true" }),
        new("year-reopen", s => s.ManageUrl, "reopen", (_, _) => new() { ["Reopening.Reason"] = "訂正のため。" }),
        new("bulk-approve", s => s.BulkUrl, "bulk-approve", (_, evaluationId) => new() { ["evaluationId"] = evaluationId.ToString(CultureInfo.InvariantCulture) }),
    ];

    /// <summary>The spec: which status each (action, user, state) must get. 302 = done.</summary>
    private static HttpStatusCode Expected(string action, string user, PlanYearState state)
    {
        var reviewer = user is "admin" or "reviewer";
        var closed = state == PlanYearState.Closed;
        return action switch
        {
            "approve" or "return" or "year-open" or "year-conclusion" or "year-close" => !reviewer ? HttpStatusCode.Forbidden : closed ? HttpStatusCode.BadRequest : HttpStatusCode.Redirect,
            "year-review" => !reviewer ? HttpStatusCode.Forbidden : state == PlanYearState.Open ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest,
            "year-reopen" => !reviewer ? HttpStatusCode.Forbidden : user == "admin" && closed ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest,
            "bulk-approve" => !reviewer ? HttpStatusCode.Forbidden : state is PlanYearState.Open or PlanYearState.InReview ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    [Fact]
    public async Task Every_mutating_endpoint_allows_exactly_what_the_role_department_and_year_state_allow()
    {
        var failures = new StringBuilder();
        var cases = 0;
        foreach (var state in States)
        {
            foreach (var action in Actions)
            {
                foreach (var user in Users)
                {
                    cases++;
                    var evaluationId = await ResetAsync(state);
                    var before = await FingerprintAsync();
                    var fields = action.Fields(scenario, evaluationId);
                    fields["__RequestVerificationToken"] = tokens[user];
                    fields["_handler"] = action.Form;
                    var response = await clients[user].PostAsync(action.Url(scenario), new FormUrlEncodedContent(fields));
                    var expected = Expected(action.Name, user, state);
                    var after = await FingerprintAsync();
                    if (response.StatusCode != expected)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{state,-9} {action.Name,-18} {user,-8} expected {(int)expected} got {(int)response.StatusCode}");
                    }
                    if (expected != HttpStatusCode.Redirect && before != after)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{state,-9} {action.Name,-18} {user,-8} was refused but changed data");
                    }
                    if (expected == HttpStatusCode.Redirect && before == after)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{state,-9} {action.Name,-18} {user,-8} was allowed but changed nothing");
                    }
                }
            }
        }
        Assert.True(failures.Length == 0, $"{cases} cases; mismatches:\n{failures}");
        Assert.Equal(States.Length * Actions.Length * Users.Length, cases);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("viewer")]
    public async Task Another_departments_entry_form_cannot_even_be_read(string user)
    {
        await ResetAsync(PlanYearState.Open);

        var response = await clients[user].GetAsync(scenario.EntryUrl(scenario.OtherItemId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("この操作を行う権限がありません", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<long> ResetAsync(PlanYearState state) => WorkflowBaseline.ResetAsync(database.ConnectionString, scenario, state);

    private Task<string> FingerprintAsync() => WorkflowBaseline.FingerprintAsync(database.ConnectionString, scenario);
}
