using DxTracker.Web.Data;
using DxTracker.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>The security events kept in the audit trail (its entity type <see cref="SecurityEvents.EntityType"/>).</summary>
public static class SecurityActions
{
    public const string SignedIn = "SignedIn";
    public const string SignInFailed = "SignInFailed";
    public const string SignInThrottled = "SignInThrottled";
    public const string LockedOut = "LockedOut";
    public const string SignedOut = "SignedOut";
    public const string SessionEnded = "SessionEnded";
    public const string SessionsEnded = "SessionsEnded";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";
    public const string UserCreated = "UserCreated";
    public const string RolesChanged = "RolesChanged";
    public const string DepartmentsChanged = "DepartmentsChanged";
    public const string Deactivated = "Deactivated";
    public const string Activated = "Activated";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string TwoFactorDisabled = "TwoFactorDisabled";
    public const string SecondFactorFailed = "SecondFactorFailed";
    public const string RecoveryCodeUsed = "RecoveryCodeUsed";

    /// <summary>Failures an operator should look at (logged as warnings).</summary>
    public static bool IsWarning(string action) => action is SignInFailed or SignInThrottled or LockedOut or SecondFactorFailed;

    public static string Label(string action) => action switch
    {
        SignedIn => "ログイン",
        SignInFailed => "ログイン失敗",
        SignInThrottled => "ログイン拒否（試行回数の超過）",
        LockedOut => "アカウントのロック",
        SignedOut => "ログアウト",
        SessionEnded => "セッションの終了",
        SessionsEnded => "セッションの一括終了",
        PasswordChanged => "パスワードの変更",
        PasswordReset => "仮パスワードの設定",
        UserCreated => "アカウントの作成",
        RolesChanged => "権限の変更",
        DepartmentsChanged => "所属部署の変更",
        Deactivated => "アカウントの無効化",
        Activated => "アカウントの有効化",
        TwoFactorEnabled => "2段階認証の設定",
        TwoFactorDisabled => "2段階認証の解除",
        SecondFactorFailed => "確認コードの誤り",
        RecoveryCodeUsed => "リカバリーコードでのログイン",
        _ => action,
    };
}

/// <summary>Who caused a security event: a signed-in user, a user signing in, or someone unknown.</summary>
public sealed record SecurityActor(string? UserId, string UserName)
{
    public static readonly SecurityActor Unknown = new(null, "（不明）");
}

/// <summary>
/// Writes sign-ins, failures, lockouts, session ends and account changes to the audit trail (administrators read
/// them at /admin/security) and to the structured log, with the client's address. No password or typed user ID of
/// an unknown account is kept: a mistyped password in the user ID field would otherwise be stored.
/// </summary>
public sealed partial class SecurityEvents(IDbContextFactory<AppDbContext> databases, ILogger<SecurityEvents> logger, TimeProvider clock, IHttpContextAccessor http)
{
    public const string EntityType = "Account";

    /// <summary>Records the event in a save of its own (sign-in and sign-out, which change nothing else).</summary>
    public async Task RecordAsync(string action, SecurityActor actor, string? targetUserId, string? targetUserName, string? detail = null)
    {
        await using var db = await databases.CreateDbContextAsync();
        Add(db, action, actor, targetUserId, targetUserName, detail);
        await db.SaveChangesAsync();
    }

    /// <summary>Adds the event to the caller's context, so that it is saved (or not) with the change it records.</summary>
    public void Add(AppDbContext db, string action, SecurityActor actor, string? targetUserId, string? targetUserName, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var comment = string.Join("　", new[] { detail, address is null ? null : $"接続元：{address}" }.Where(t => !string.IsNullOrEmpty(t)));
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor.UserId, actor.UserName, EntityType, targetUserId ?? string.Empty, action)
            .WithChange(null, null, targetUserName)
            .WithComment(comment.Length == 0 ? null : comment));
        if (SecurityActions.IsWarning(action))
        {
            LogWarning(logger, action, actor.UserName, targetUserName, address, detail);
        }
        else
        {
            LogInformation(logger, action, actor.UserName, targetUserName, address, detail);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "security {SecurityAction} actor={Actor} target={Target} address={Address} {Detail}")]
    private static partial void LogInformation(ILogger logger, string securityAction, string actor, string? target, string? address, string? detail);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "security {SecurityAction} actor={Actor} target={Target} address={Address} {Detail}")]
    private static partial void LogWarning(ILogger logger, string securityAction, string actor, string? target, string? address, string? detail);
}
