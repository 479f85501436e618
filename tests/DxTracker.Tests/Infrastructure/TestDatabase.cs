using DxTracker.Web.Data;
using DxTracker.Web.Data.Auditing;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DxTracker.Tests.Infrastructure;

/// <summary>
/// Real PostgreSQL for tests. The migrations run once into a template database; each test class gets a
/// fresh database cloned from it (CREATE DATABASE … TEMPLATE …), so tests never depend on each other.
/// The server is the one scripts/test.sh starts (DXTRACKER_TEST_PG, a superuser connection string).
/// </summary>
public static class TestDatabase
{
    private const long TemplateLockKey = 0x44785472;
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? templateName;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("DXTRACKER_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("DXTRACKER_TEST_PG is not set: run the tests with scripts/test.sh, or set it to a PostgreSQL superuser connection string.");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>Creates a fresh, migrated database and returns its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var template = await EnsureTemplateAsync();
        var name = $"dxt_{Guid.NewGuid():N}";
        await using var connection = await OpenAdminAsync();
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return ConnectionStringFor(name);
    }

    /// <summary>Creates an empty database (no DxTracker schema), for another server a test starts, and returns its connection string.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = $"dxt_{Guid.NewGuid():N}";
        await using var connection = await OpenAdminAsync();
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\"");
        return ConnectionStringFor(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAdminAsync();
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Renames a test database (closing its connections first).</summary>
    public static async Task RenameAsync(string connectionString, string newName)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAdminAsync();
        await ExecuteAsync(connection, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        await ExecuteAsync(connection, $"ALTER DATABASE \"{name}\" RENAME TO \"{newName}\"");
    }

    /// <summary>A context as the app configures it, with the given interceptors (an audit trail, a query counter) and no others.</summary>
    public static AppDbContext CreateContext(string connectionString, params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString, ServiceRegistration.ConfigureNpgsql)
            .AddInterceptors(interceptors).Options);

    /// <summary>A context that writes the audit trail as the app does, acting as <paramref name="userName"/>.</summary>
    public static AppDbContext CreateAuditedContext(string connectionString, string userName = "test") =>
        CreateContext(connectionString, new AuditInterceptor(new FixedActor(userName), TimeProvider.System));

    private sealed record FixedActor(string UserName) : ICurrentActor
    {
        public string? UserId => null;
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        if (templateName is not null)
        {
            return templateName;
        }
        await TemplateGate.WaitAsync();
        try
        {
            if (templateName is not null)
            {
                return templateName;
            }
            // One template per build of the model: a changed migration gives a new name.
            var version = typeof(AppDbContext).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
            var name = $"dxt_template_{version}";
            await using var connection = await OpenAdminAsync();
            // Test projects may run in parallel processes: build the template under a server-wide lock.
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({TemplateLockKey})");
            try
            {
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", name);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    var building = name + "_building";
                    await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                    await ExecuteAsync(connection, $"CREATE DATABASE \"{building}\"");
                    await using (var db = CreateContext(ConnectionStringFor(building)))
                    {
                        await db.Database.MigrateAsync();
                    }
                    NpgsqlConnection.ClearAllPools();
                    await ExecuteAsync(connection, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({TemplateLockKey})");
            }
            templateName = name;
            return name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        // Only identifiers generated above are interpolated; nothing comes from test input.
#pragma warning disable CA2100
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fresh database for one test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => TestDatabase.DropAsync(ConnectionString);

    public AppDbContext CreateContext() => TestDatabase.CreateContext(ConnectionString);

    public AppDbContext CreateAuditedContext(string userName = "test") => TestDatabase.CreateAuditedContext(ConnectionString, userName);
}
