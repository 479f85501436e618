namespace DxTracker.Web.Data.Identity;

/// <summary>
/// One signed-in browser: the cookie holds only this row's key, so signing out, ending a session from another device
/// or an administrator ending a user's sessions takes effect on the server at the next request.
/// </summary>
public sealed class UserSession
{
    public const int KeyLength = 64;
    public const int UserAgentMaxLength = 300;
    public const int AddressMaxLength = 64;

    private UserSession() { }

    public UserSession(string key, string userId, DateTimeOffset createdAt, DateTimeOffset absoluteExpiresAt, string? userAgent, string? address)
    {
        Key = key;
        UserId = userId;
        CreatedAt = createdAt;
        LastSeenAt = createdAt;
        AbsoluteExpiresAt = absoluteExpiresAt;
        UserAgent = Truncate(userAgent, UserAgentMaxLength);
        Address = Truncate(address, AddressMaxLength);
    }

    public string Key { get; private set; } = string.Empty;

    public string UserId { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The sliding limit the cookie's ticket carries (renewed as the user works).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The limit no activity extends: the user signs in again after it.</summary>
    public DateTimeOffset AbsoluteExpiresAt { get; private set; }

    /// <summary>Set by <see cref="Infrastructure.Auth.DatabaseTicketStore"/>'s bulk update when the session is ended.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public string? UserAgent { get; private set; }

    public string? Address { get; private set; }

    /// <summary>The serialized authentication ticket (claims and properties; no password or secret).</summary>
    public byte[] Ticket { get; set; } = [];

    public bool IsActiveAt(DateTimeOffset now) =>
        EndedAt is null && now < AbsoluteExpiresAt && (ExpiresAt is not { } expires || now < expires);

    /// <summary>When and why the session ended by <paramref name="now"/> (ended, or expired at the earlier limit); null while open.</summary>
    public (DateTimeOffset At, string Reason)? EndAt(DateTimeOffset now) =>
        IsActiveAt(now) ? null
        : EndedAt is { } ended ? (ended, EndReason ?? SessionEndReasons.SignedOut)
        : (ExpiresAt is { } idle && idle < AbsoluteExpiresAt ? idle : AbsoluteExpiresAt, SessionEndReasons.Expired);

    private static string? Truncate(string? text, int length) =>
        text is null ? null : text.Length <= length ? text : text[..length];
}

/// <summary>Why a session ended (stored as written).</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "ログアウト";
    public const string EndedByUser = "本人が終了";
    public const string EndedByAdministrator = "管理者が終了";
    public const string PasswordChanged = "パスワード変更";
    public const string Expired = "期限切れ";
}
