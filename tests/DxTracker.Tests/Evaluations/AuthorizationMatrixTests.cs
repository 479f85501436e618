using System.Globalization;
using System.Net;
using System.Text;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Plans;
using Npgsql;

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
            "entry-draft-own" or "entry-submit-own" => user == "viewer" ? HttpStatusCode.Forbidden : state == PlanYearState.Open ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest,
            "entry-draft-other" => !reviewer ? HttpStatusCode.Forbidden : state == PlanYearState.Open ? HttpStatusCode.Redirect : HttpStatusCode.BadRequest,
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

    /// <summary>Back to the baseline (one submitted evaluation, nothing else), then the year in <paramref name="state"/>.</summary>
    private async Task<long> ResetAsync(PlanYearState state)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            UPDATE "PlanYears" SET "State" = 'Open', "Conclusion" = '', "EntryDeadline" = DATE '2022-05-31', "IsPublic" = false WHERE "PlanId" = @plan AND "FiscalYear" = @year;
            DELETE FROM "Evaluations" WHERE "PlanId" = @plan AND "FiscalYear" = @year AND "ItemId" <> @submitted;
            UPDATE "KpiValues" v SET "ActualValue" = NULL, "ActualText" = '', "ActualNotMeasured" = false
                FROM "Kpis" k, "ActionItems" i WHERE v."KpiId" = k."Id" AND k."ItemId" = i."Id" AND i."PlanId" = @plan AND v."FiscalYear" = @year;
            UPDATE "Evaluations" SET "Status" = 'Submitted', "SelfRating" = 'A', "FinalRating" = NULL, "FinalRatingReason" = '', "ReturnComment" = '', "ApprovedAt" = NULL, "ApprovedBy" = NULL
                WHERE "PlanId" = @plan AND "FiscalYear" = @year AND "ItemId" = @submitted;
            UPDATE "EvaluationParts" SET "IsSubmitted" = true, "ResultText" = 'テレワーク端末を100台配備した。'
                WHERE "EvaluationId" IN (SELECT "Id" FROM "Evaluations" WHERE "PlanId" = @plan AND "FiscalYear" = @year);
            UPDATE "PlanYears" SET "State" = @state WHERE "PlanId" = @plan AND "FiscalYear" = @year;
            """, state);
        await using var command = new NpgsqlCommand("SELECT \"Id\" FROM \"Evaluations\" WHERE \"ItemId\" = @submitted AND \"FiscalYear\" = @year", connection);
        command.Parameters.AddWithValue("submitted", scenario.SubmittedItemId);
        command.Parameters.AddWithValue("year", WorkflowScenario.FiscalYear);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql, PlanYearState state)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("plan", scenario.PlanId);
        command.Parameters.AddWithValue("year", WorkflowScenario.FiscalYear);
        command.Parameters.AddWithValue("submitted", scenario.SubmittedItemId);
        command.Parameters.AddWithValue("state", state.ToString());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A digest of every row a workflow action could touch, and of the audit trail.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT md5(
                coalesce((SELECT string_agg(e::text, '|' ORDER BY e."Id") FROM "Evaluations" e WHERE e."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(p::text, '|' ORDER BY p."Id") FROM "EvaluationParts" p JOIN "Evaluations" e ON e."Id" = p."EvaluationId" WHERE e."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(y::text, '|' ORDER BY y."Id") FROM "PlanYears" y WHERE y."PlanId" = @plan), '') ||
                coalesce((SELECT string_agg(v::text, '|' ORDER BY v."Id") FROM "KpiValues" v JOIN "Kpis" k ON k."Id" = v."KpiId" JOIN "ActionItems" i ON i."Id" = k."ItemId" WHERE i."PlanId" = @plan), '') ||
                (SELECT count(*)::text FROM "AuditEntries"))
            """, connection);
        command.Parameters.AddWithValue("plan", scenario.PlanId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
