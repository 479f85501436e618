using DxTracker.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DxTracker.Web.Data;

/// <summary>
/// Applies migrations at start-up only when <c>Database:MigrateOnStartup</c> is true (the run command and
/// compose turn it on), waiting for a database that is still starting; then loads demo data when asked.
/// </summary>
internal static partial class DatabaseStartup
{
    public static async Task RunAsync(WebApplication app)
    {
        var configuration = app.Configuration;
        await MigrateIfConfiguredAsync(app);
        if (configuration.GetValue<bool>("DxTracker:DemoData"))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await DemoData.LoadIfEmptyAsync(scope.ServiceProvider, configuration.GetValue<bool>("DxTracker:DemoScenario"));
            DemoData.PrintWelcomeWhenStarted(app);
        }
    }

    /// <summary>Applies migrations when <c>Database:MigrateOnStartup</c> is true (the web app and the command line alike).</summary>
    public static async Task MigrateIfConfiguredAsync(WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            await MigrateWithRetryAsync(app.Services, app.Logger, app.Configuration.GetValue("Database:StartupAttempts", 20));
        }
    }

    private static async Task MigrateWithRetryAsync(IServiceProvider services, ILogger logger, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.Database.MigrateAsync();
                LogMigrated(logger);
                return;
            }
            catch (NpgsqlException e) when (attempt < attempts)
            {
                LogWaiting(logger, attempt, attempts, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(3));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "データベースのマイグレーションを適用しました。")]
    private static partial void LogMigrated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "データベースに接続できません（{Attempt}/{Attempts} 回目）。3秒後に再試行します: {Reason}")]
    private static partial void LogWaiting(ILogger logger, int attempt, int attempts, string reason);
}
