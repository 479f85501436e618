using DxTracker.Tests.Infrastructure;

namespace DxTracker.Tests.Evaluations;

/// <summary>
/// A test class on a database of its own, with the app started on it and a fresh <see cref="WorkflowScenario"/> (plan,
/// items, departments and users in the demo roles) for every test.
/// </summary>
public abstract class WorkflowTest(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    protected DatabaseFixture Database { get; } = database;

    protected DxWebApplicationFactory Factory { get; private set; } = null!;

    protected WorkflowScenario Scenario { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Factory = new DxWebApplicationFactory(Database.ConnectionString);
        Factory.CreateClient();
        Scenario = await WorkflowScenario.CreateAsync(Database.ConnectionString);
    }

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}
