using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Evaluations.EnterResult;
using Npgsql;

namespace DxTracker.Tests.Evaluations.EnterResult;

/// <summary>
/// A save that reaches the database while the office is closing its year: it waits for the close and is then refused,
/// so nothing lands in a closed year (the year's state is read under a share lock, not as a snapshot).
/// </summary>
public sealed class SaveWhileClosingTests(DatabaseFixture database) : WorkflowTest(database)
{
    [Fact]
    public async Task A_save_racing_the_close_of_its_year_waits_for_it_and_is_refused_in_Japanese()
    {
        await using var s = await HandlerScope.ForAsync(Factory.Services, "editor");
        var handler = s.Get<EnterResultHandler>();
        var form = (await handler.OpenAsync(Scenario.PlanId, Scenario.OwnItemId, WorkflowScenario.FiscalYear, null, restoreDraft: false)).Input;
        form.Result = "確定の瞬間に保存した実績。";

        // The office's close is in progress: the year's row is updated but not yet committed.
        await using var closing = new NpgsqlConnection(Database.ConnectionString);
        await closing.OpenAsync();
        await using var transaction = await closing.BeginTransactionAsync();
        await using (var close = new NpgsqlCommand("UPDATE \"PlanYears\" SET \"State\" = 'Closed' WHERE \"PlanId\" = @plan AND \"FiscalYear\" = @year", closing, transaction))
        {
            close.Parameters.AddWithValue("plan", Scenario.PlanId);
            close.Parameters.AddWithValue("year", WorkflowScenario.FiscalYear);
            Assert.Equal(1, await close.ExecuteNonQueryAsync());
        }

        var save = Task.Run(() => handler.SaveAsync(Scenario.PlanId, Scenario.OwnItemId, WorkflowScenario.FiscalYear, form.ToPartInput(), submit: false));
        await Task.WhenAny(save, Task.Delay(TimeSpan.FromSeconds(2)));
        Assert.False(save.IsCompleted, "the save did not wait for the close in progress");

        await transaction.CommitAsync();
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => save);
        Assert.Equal("令和3年度は確定済みのため、変更できません。", refused.Message);
        await using var db = Database.CreateContext();
        Assert.Null(await WorkflowScenario.EvaluationAsync(db, Scenario.OwnItemId));
    }
}
