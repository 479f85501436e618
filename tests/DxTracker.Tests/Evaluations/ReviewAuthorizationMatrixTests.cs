using System.Globalization;
using System.Text;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Evaluations.BulkApproval;
using DxTracker.Web.Features.Evaluations.ManageYear;
using DxTracker.Web.Features.Evaluations.ReviewEvaluation;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// Every mutating handler of the review and year pages × every role × every year state, called as the interactive
/// pages call them: each is allowed exactly what the spec allows, and a refusal changes no row.
/// </summary>
public sealed class ReviewAuthorizationMatrixTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly PlanYearState[] States = [PlanYearState.Preparing, PlanYearState.Open, PlanYearState.InReview, PlanYearState.Closed];
    private static readonly string[] Users = ["admin", "reviewer", "editor", "viewer"];

    private DxWebApplicationFactory factory = null!;
    private WorkflowScenario scenario = null!;

    public async Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        factory.CreateClient();
        scenario = await WorkflowScenario.CreateAsync(database.ConnectionString);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private enum Outcome
    {
        Done,
        Forbidden,
        Refused,
    }

    /// <summary>What the page sends: the scenario, the submitted evaluation's id and the versions the page loaded.</summary>
    private sealed record Loaded(WorkflowScenario Scenario, int EvaluationId, uint EvaluationVersion, uint YearVersion);

    private sealed record Action(string Name, Func<HandlerScope, Loaded, Task> Run);

    private static readonly Action[] Actions =
    [
        new("approve", (s, l) => s.Get<ReviewHandler>().ApproveAsync(l.Scenario.PlanId, l.Scenario.SubmittedItemId, WorkflowScenario.FiscalYear, null, null, l.EvaluationVersion)),
        new("return", (s, l) => s.Get<ReviewHandler>().ReturnAsync(l.Scenario.PlanId, l.Scenario.SubmittedItemId, WorkflowScenario.FiscalYear, "修正してください。", l.EvaluationVersion)),
        new("year-open", (s, l) => s.Get<ManageYearHandler>().OpenAsync(l.Scenario.PlanId, WorkflowScenario.FiscalYear, new DateOnly(2022, 6, 30), l.YearVersion)),
        new("year-conclusion", (s, l) => s.Get<ManageYearHandler>().WriteConclusionAsync(l.Scenario.PlanId, WorkflowScenario.FiscalYear, "総括の文章。", l.YearVersion)),
        new("year-review", (s, l) => s.Get<ManageYearHandler>().StartReviewAsync(l.Scenario.PlanId, WorkflowScenario.FiscalYear, l.YearVersion)),
        new("year-close", (s, l) => s.Get<ManageYearHandler>().CloseAsync(l.Scenario.PlanId, WorkflowScenario.FiscalYear, "未提出の項目は次年度に対応するため。", l.YearVersion)),
        new("year-publish", (s, l) => s.Get<ManageYearHandler>().PublishAsync(l.Scenario.PlanId, WorkflowScenario.FiscalYear, true, l.YearVersion)),
        new("year-reopen", (s, l) => s.Get<ManageYearHandler>().ReopenAsync(l.Scenario.PlanId, WorkflowScenario.FiscalYear, "訂正のため。", l.YearVersion)),
        new("bulk-approve", async (s, l) => await s.Get<BulkApprovalHandler>().ApproveAsync(l.Scenario.PlanId, WorkflowScenario.FiscalYear, [l.EvaluationId])),
    ];

    /// <summary>
    /// The spec, as the HTTP matrix had it (302 = done, 403 = forbidden, 400 = refused). One difference: a reviewer's
    /// reopen is forbidden (reopening is an administrator's); over HTTP it was 400 because the form was not rendered.
    /// </summary>
    private static Outcome Expected(string action, string user, PlanYearState state)
    {
        var reviewer = user is "admin" or "reviewer";
        var closed = state == PlanYearState.Closed;
        if (!reviewer)
        {
            return Outcome.Forbidden;
        }
        return action switch
        {
            "approve" or "return" or "year-open" or "year-conclusion" or "year-close" => closed ? Outcome.Refused : Outcome.Done,
            "year-publish" => closed ? Outcome.Done : Outcome.Refused,
            "year-review" => state == PlanYearState.Open ? Outcome.Done : Outcome.Refused,
            "year-reopen" => user != "admin" ? Outcome.Forbidden : closed ? Outcome.Done : Outcome.Refused,
            "bulk-approve" => state is PlanYearState.Open or PlanYearState.InReview ? Outcome.Done : Outcome.Refused,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    [Fact]
    public async Task Every_review_and_year_handler_allows_exactly_what_the_role_and_year_state_allow()
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
                    var evaluationId = (int)await WorkflowRows.ResetAsync(database.ConnectionString, scenario, state);
                    var loaded = await LoadedAsync(evaluationId);
                    var before = await WorkflowRows.FingerprintAsync(database.ConnectionString, scenario);
                    Outcome outcome;
                    await using (var scope = await HandlerScope.ForAsync(factory.Services, user))
                    {
                        outcome = await OutcomeOfAsync(() => action.Run(scope, loaded));
                    }
                    var after = await WorkflowRows.FingerprintAsync(database.ConnectionString, scenario);
                    var expected = Expected(action.Name, user, state);
                    if (outcome != expected)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{state,-9} {action.Name,-16} {user,-8} expected {expected} got {outcome}");
                    }
                    if (expected != Outcome.Done && before != after)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{state,-9} {action.Name,-16} {user,-8} was refused but changed data");
                    }
                    if (expected == Outcome.Done && before == after)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{state,-9} {action.Name,-16} {user,-8} was allowed but changed nothing");
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
    public async Task Neither_an_editor_nor_a_viewer_may_even_load_the_review_and_year_pages(string user)
    {
        await WorkflowRows.ResetAsync(database.ConnectionString, scenario, PlanYearState.Open);
        await using var scope = await HandlerScope.ForAsync(factory.Services, user);

        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<ReviewHandler>().LoadAsync(scenario.PlanId, scenario.SubmittedItemId, WorkflowScenario.FiscalYear));
        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<BulkApprovalHandler>().LoadAsync(scenario.PlanId, WorkflowScenario.FiscalYear));
        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<ManageYearHandler>().LoadAsync(scenario.PlanId, WorkflowScenario.FiscalYear));
    }

    private static async Task<Outcome> OutcomeOfAsync(Func<Task> run)
    {
        try
        {
            await run();
            return Outcome.Done;
        }
        catch (ForbiddenException)
        {
            return Outcome.Forbidden;
        }
        catch (DomainRuleException)
        {
            return Outcome.Refused;
        }
    }

    private async Task<Loaded> LoadedAsync(int evaluationId)
    {
        await using var db = database.CreateContext();
        var evaluation = await db.Evaluations.AsNoTracking().SingleAsync(e => e.Id == evaluationId);
        var year = await db.PlanYears.AsNoTracking().SingleAsync(y => y.PlanId == scenario.PlanId && y.FiscalYear == WorkflowScenario.FiscalYear);
        return new Loaded(scenario, evaluationId, evaluation.Version, year.Version);
    }
}
