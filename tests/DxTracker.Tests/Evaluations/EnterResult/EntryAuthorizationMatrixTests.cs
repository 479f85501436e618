using System.Globalization;
using System.Text;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Evaluations.EnterResult;
using DxTracker.Web.Infrastructure;

namespace DxTracker.Tests.Evaluations.EnterResult;

/// <summary>
/// Every action of the entry handler × every role × own/other department × every year state: the handler allows
/// exactly what the spec allows (editors their own departments' parts, reviewers and admins every part, only while the
/// year is open), and a refusal changes no row — not even the user's autosaved draft.
/// </summary>
public sealed class EntryAuthorizationMatrixTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
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

    private sealed record Action(string Name, bool Own, Func<EnterResultHandler, WorkflowScenario, Task> Run);

    private static readonly Action[] Actions =
    [
        new("entry-draft-own", true, (h, s) => h.SaveAsync(s.PlanId, s.OwnItemId, WorkflowScenario.FiscalYear, Part(s.SomuId, s.KpiId), submit: false)),
        new("entry-submit-own", true, (h, s) => h.SaveAsync(s.PlanId, s.OwnItemId, WorkflowScenario.FiscalYear, Part(s.SomuId, s.KpiId), submit: true)),
        new("entry-autosave-own", true, (h, s) => h.AutosaveAsync(s.PlanId, s.OwnItemId, WorkflowScenario.FiscalYear, Typed(s.SomuId, s.KpiId))),
        new("entry-draft-other", false, (h, s) => h.SaveAsync(s.PlanId, s.OtherItemId, WorkflowScenario.FiscalYear, Part(s.HousingId, null), submit: false)),
        new("entry-submit-other", false, (h, s) => h.SaveAsync(s.PlanId, s.OtherItemId, WorkflowScenario.FiscalYear, Part(s.HousingId, null), submit: true)),
        new("entry-autosave-other", false, (h, s) => h.AutosaveAsync(s.PlanId, s.OtherItemId, WorkflowScenario.FiscalYear, Typed(s.HousingId, null))),
    ];

    /// <summary>The spec: done, forbidden (403: may never write this part) or refused (the year does not take entries now).</summary>
    private static string Expected(Action action, string user, PlanYearState state)
    {
        var reviewer = user is "admin" or "reviewer";
        var mayWrite = action.Own ? user != "viewer" : reviewer;
        return !mayWrite ? "forbidden" : state == PlanYearState.Open ? "done" : "refused";
    }

    [Fact]
    public async Task Every_entry_action_allows_exactly_what_the_role_department_and_year_state_allow_and_a_refusal_changes_no_row()
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
                    await WorkflowBaseline.ResetAsync(database.ConnectionString, scenario, state);
                    var before = await WorkflowBaseline.FingerprintAsync(database.ConnectionString, scenario);
                    var outcome = await OutcomeAsync(user, action);
                    var after = await WorkflowBaseline.FingerprintAsync(database.ConnectionString, scenario);
                    var expected = Expected(action, user, state);
                    if (outcome != expected)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{state,-9} {action.Name,-20} {user,-8} expected {expected} got {outcome}");
                    }
                    if (expected != "done" && before != after)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{state,-9} {action.Name,-20} {user,-8} was refused but changed data");
                    }
                    if (expected == "done" && before == after)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{state,-9} {action.Name,-20} {user,-8} was allowed but changed nothing");
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
    public async Task Another_departments_entry_form_cannot_even_be_opened(string user)
    {
        await WorkflowBaseline.ResetAsync(database.ConnectionString, scenario, PlanYearState.Open);
        await using var s = await HandlerScope.ForAsync(factory.Services, user);

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Get<EnterResultHandler>().OpenAsync(scenario.PlanId, scenario.OtherItemId, WorkflowScenario.FiscalYear, null));
    }

    [Fact]
    public async Task A_forged_department_is_refused_and_changes_nothing()
    {
        await WorkflowBaseline.ResetAsync(database.ConnectionString, scenario, PlanYearState.Open);
        var before = await WorkflowBaseline.FingerprintAsync(database.ConnectionString, scenario);
        await using var s = await HandlerScope.ForAsync(factory.Services, "editor");
        var handler = s.Get<EnterResultHandler>();

        // 総務課's editor sends 住宅課's part for 総務課's own item.
        await Assert.ThrowsAsync<ForbiddenException>(() => handler.SaveAsync(scenario.PlanId, scenario.OwnItemId, WorkflowScenario.FiscalYear, Part(scenario.HousingId, null), submit: false));
        await Assert.ThrowsAsync<ForbiddenException>(() => handler.AutosaveAsync(scenario.PlanId, scenario.OwnItemId, WorkflowScenario.FiscalYear, Typed(scenario.HousingId, null)));

        Assert.Equal(before, await WorkflowBaseline.FingerprintAsync(database.ConnectionString, scenario));
    }

    private async Task<string> OutcomeAsync(string user, Action action)
    {
        await using var s = await HandlerScope.ForAsync(factory.Services, user);
        try
        {
            await action.Run(s.Get<EnterResultHandler>(), scenario);
            return "done";
        }
        catch (ForbiddenException)
        {
            return "forbidden";
        }
        catch (DomainRuleException)
        {
            return "refused";
        }
    }

    private static PartInput Part(int departmentId, int? kpiId) => new(
        departmentId, "実施した。", "", "A", kpiId is { } id ? [new KpiActualInput(id, "１１,５００件")] : [], new EntryValues());

    private static EntryInput Typed(int departmentId, int? kpiId) => new()
    {
        DepartmentId = departmentId,
        Result = "入力中の実績",
        SelfRating = "A",
        Kpis = kpiId is { } id ? [new KpiField { KpiId = id, Actual = "１１,５００" }] : [],
    };
}
