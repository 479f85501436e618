using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Features.Evaluations;
using DxTracker.Web.Features.Evaluations.EnterResult;

namespace DxTracker.Tests.Evaluations.EnterResult;

/// <summary>Two people editing the same evaluation: the second save is refused, shows the first, and loses nothing.</summary>
public sealed class EntryConcurrencyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
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

    private async Task<EntryInput> OpenAsync(string user, int itemId, int? departmentId = null)
    {
        await using var s = await HandlerScope.ForAsync(factory.Services, user);
        return (await s.Get<EnterResultHandler>().OpenAsync(scenario.PlanId, itemId, WorkflowScenario.FiscalYear, departmentId, restoreDraft: false)).Input;
    }

    private async Task SaveAsync(string user, int itemId, EntryInput input, string result)
    {
        input.Result = result;
        input.SelfRating = "A";
        await using var s = await HandlerScope.ForAsync(factory.Services, user);
        await s.Get<EnterResultHandler>().SaveAsync(scenario.PlanId, itemId, WorkflowScenario.FiscalYear, input.ToPartInput(), submit: false);
    }

    [Fact]
    public async Task The_second_save_is_refused_with_the_first_persons_text_and_keeps_the_second_persons_text()
    {
        await SaveAsync("editor", scenario.SharedItemId, await OpenAsync("editor", scenario.SharedItemId, scenario.SomuId), "最初の下書き。");
        var first = await OpenAsync("editor", scenario.SharedItemId, scenario.SomuId);
        var second = await OpenAsync("reviewer", scenario.SharedItemId, scenario.SomuId);
        await SaveAsync("editor", scenario.SharedItemId, first, "総務課が先に保存した実績。");

        var refused = await Assert.ThrowsAsync<EvaluationConflictException>(() => SaveAsync("reviewer", scenario.SharedItemId, second, "推進課が同時に書いた長い実績。"));

        Assert.Equal(("editor", "総務課が先に保存した実績。", "A"), (refused.SavedBy, refused.SavedResult, refused.SavedRating));
        Assert.NotNull(refused.SavedAt);
        Assert.Equal("推進課が同時に書いた長い実績。", second.Result);
        await using (var db = database.CreateContext())
        {
            var part = (await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId))!.Parts.Single(p => p.DepartmentId == scenario.SomuId);
            Assert.Equal("総務課が先に保存した実績。", part.ResultText);
        }

        // Saving again after taking the stored versions (as the page does on a conflict) is a deliberate overwrite.
        await using (var s = await HandlerScope.ForAsync(factory.Services, "reviewer"))
        {
            second.TakeVersionsOf((await s.Get<EnterResultHandler>().OpenAsync(scenario.PlanId, scenario.SharedItemId, WorkflowScenario.FiscalYear, scenario.SomuId)).Context);
        }
        await SaveAsync("reviewer", scenario.SharedItemId, second, "推進課が同時に書いた長い実績。");
        await using (var db = database.CreateContext())
        {
            var part = (await WorkflowScenario.EvaluationAsync(db, scenario.SharedItemId))!.Parts.Single(p => p.DepartmentId == scenario.SomuId);
            Assert.Equal("推進課が同時に書いた長い実績。", part.ResultText);
        }
    }

    [Fact]
    public async Task Two_first_drafts_at_once_do_not_fail_the_second_one_silently()
    {
        var first = await OpenAsync("editor", scenario.OwnItemId);
        var second = await OpenAsync("admin", scenario.OwnItemId);

        await SaveAsync("editor", scenario.OwnItemId, first, "一人目の実績。");
        var refused = await Assert.ThrowsAsync<EvaluationConflictException>(() => SaveAsync("admin", scenario.OwnItemId, second, "二人目の実績。"));

        Assert.Equal("一人目の実績。", refused.SavedResult);
    }
}
