using System.Globalization;
using System.Net;
using System.Text;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// Every mutating endpoint of the workflow × every role × own/other department × every year state:
/// the server allows exactly what the spec allows, and a refused request changes nothing.
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
        new("entry-draft-own", s => s.EntryUrl(s.OwnItemId), "entry", (s, _) => WithKpi(Entry(s.SomuId, "draft"), s.KpiId)),
        new("entry-submit-own", s => s.EntryUrl(s.OwnItemId), "entry", (s, _) => WithKpi(Entry(s.SomuId, "submit"), s.KpiId)),
        new("entry-draft-other", s => s.EntryUrl(s.OtherItemId), "entry", (s, _) => Entry(s.HousingId, "draft")),
    ];

    /// <summary>The spec: which status each (action, user, state) must get. 302 = done.</summary>
    private static HttpStatusCode Expected(string action, string user, PlanYearState state)
    {
        var reviewer = user is "admin" or "reviewer";
        return action switch
        {
            "entry-draft-own" or "entry-submit-own" => user == "viewer" ? HttpStatusCode.Forbidden : state == PlanYearState.Open ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest,
            "entry-draft-other" => !reviewer ? HttpStatusCode.Forbidden : state == PlanYearState.Open ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest,
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

    [Fact]
    public async Task A_forged_department_in_the_form_is_refused()
    {
        await ResetAsync(PlanYearState.Open);
        var before = await FingerprintAsync();
        var fields = Entry(scenario.HousingId, "draft");
        fields["__RequestVerificationToken"] = tokens["editor"];
        fields["_handler"] = "entry";

        // 総務課's editor posts 住宅課's part to 総務課's own item's URL.
        var response = await clients["editor"].PostAsync(scenario.EntryUrl(scenario.OwnItemId), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await FingerprintAsync());
    }

    private static Dictionary<string, string> Entry(int departmentId, string action) => new()
    {
        ["Input.DepartmentId"] = departmentId.ToString(CultureInfo.InvariantCulture),
        ["Input.Result"] = "実施した。",
        ["Input.SelfRating"] = "A",
        ["Input.Action"] = action,
    };

    private static Dictionary<string, string> WithKpi(Dictionary<string, string> fields, int kpiId)
    {
        fields["Input.Kpis[0].KpiId"] = kpiId.ToString(CultureInfo.InvariantCulture);
        fields["Input.Kpis[0].Actual"] = "１１,５００件";
        return fields;
    }

    private Task<long> ResetAsync(PlanYearState state) => WorkflowRows.ResetAsync(database.ConnectionString, scenario, state);

    private Task<string> FingerprintAsync() => WorkflowRows.FingerprintAsync(database.ConnectionString, scenario);
}
