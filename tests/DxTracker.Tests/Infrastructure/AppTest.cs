namespace DxTracker.Tests.Infrastructure;

/// <summary>
/// A test class on the real app over one database (demo data loaded) shared by its tests: the factory is started before
/// the first test and disposed after the last. Override <see cref="CreateFactory"/> for other settings.
/// </summary>
public abstract class AppTest(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    protected DatabaseFixture Database { get; } = database;

    protected DxWebApplicationFactory Factory { get; private set; } = null!;

    protected virtual DxWebApplicationFactory CreateFactory(string connectionString) => new(connectionString);

    public virtual Task InitializeAsync()
    {
        Factory = CreateFactory(Database.ConnectionString);
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}
