using Npgsql;

namespace DxTracker.Web.Infrastructure;

internal static partial class StartupChecks
{
    /// <summary>A missing or malformed connection string stops the app with a message an operator can act on.</summary>
    public static bool ConnectionStringIsUsable(WebApplication app)
    {
        var connectionString = app.Configuration.GetConnectionString(ServiceRegistration.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            LogMissing(app.Logger);
            return false;
        }
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException e)
        {
            LogMalformed(app.Logger, e.Message);
            return false;
        }
    }

    /// <summary>
    /// Demo data creates accounts with a published password: never in Production. The run command and compose's demo use
    /// the Development and Demo environments; a real installation creates its first administrator with create-admin.
    /// </summary>
    public static bool DemoDataIsAllowed(WebApplication app)
    {
        if (app.Environment.IsProduction() && app.Configuration.GetValue<bool>("DxTracker:DemoData"))
        {
            LogDemoInProduction(app.Logger);
            return false;
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "本番環境（ASPNETCORE_ENVIRONMENT=Production）ではデモデータ（DxTracker:DemoData）を読み込めません。デモのアカウントとパスワードは公開されているためです。最初の管理者は create-admin コマンドで作成してください（README の「本番環境への導入」）。")]
    private static partial void LogDemoInProduction(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "接続文字列 ConnectionStrings:DxTracker が設定されていません。環境変数 ConnectionStrings__DxTracker に PostgreSQL の接続文字列を設定してください。")]
    private static partial void LogMissing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "接続文字列 ConnectionStrings:DxTracker の形式が正しくありません: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);
}
