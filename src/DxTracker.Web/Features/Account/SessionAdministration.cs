using System.Security.Claims;
using DxTracker.Web.Components;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Account;

/// <summary>A signed-in browser as the session lists show it (the key itself never leaves the server).</summary>
public sealed record SessionRow(string Key, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string Device, string? Address, bool IsCurrent, bool IsActive, DateTimeOffset? EndedAt, string? EndReason);

/// <summary>
/// A user's own sessions (list, end one, end all others) and, for administrators, any user's (list, end all). Each
/// call checks who asks on the server; ending is recorded as a security event. Ended sessions stop working at the
/// next request, and open tabs within the circuits' revalidation interval.
/// </summary>
public sealed class SessionAdministration(CircuitPrincipal principal, IDbContextFactory<AppDbContext> databases, TimeProvider clock, SecurityEvents events, ActionLog log)
{
    /// <summary>How many ended or expired sessions the lists show besides the open ones.</summary>
    private const int RecentEnded = 10;

    public Task<IReadOnlyList<SessionRow>> MineAsync() => ListAsync(Me().Id);

    public Task EndMineAsync(string key) => log.RunAsync("session.end", null, async () =>
    {
        var me = Me();
        await using var db = await databases.CreateDbContextAsync();
        var ended = await DatabaseTicketStore.EndAsync(db, db.UserSessions.Where(s => s.UserId == me.Id && s.Key == key), clock.GetUtcNow(), SessionEndReasons.EndedByUser);
        if (ended == 0)
        {
            throw new NotFoundException();
        }
        await events.RecordAsync(SecurityActions.SessionEnded, me.Actor, me.Id, me.Name, "本人が終了");
    });

    /// <summary>Ends every session of the user but the one asking; the number ended.</summary>
    public Task<int> EndMyOthersAsync() => log.RunAsync("session.end-others", null, async () =>
    {
        var me = Me();
        await using var db = await databases.CreateDbContextAsync();
        var ended = await DatabaseTicketStore.EndForUserAsync(db, me.Id, clock.GetUtcNow(), SessionEndReasons.EndedByUser, keep: me.SessionKey);
        if (ended > 0)
        {
            await events.RecordAsync(SecurityActions.SessionsEnded, me.Actor, me.Id, me.Name, $"ほかの端末のセッション{ended}件を本人が終了");
        }
        return ended;
    });

    public Task<IReadOnlyList<SessionRow>> ForUserAsync(string userId)
    {
        principal.EnsureAdmin();
        return ListAsync(userId);
    }

    /// <summary>An administrator ends every session of a user (a lost PC, a suspected account); the number ended.</summary>
    public Task<int> EndAllForUserAsync(string userId)
    {
        principal.EnsureAdmin();
        return log.RunAsync("session.end-all", new { userId }, async () =>
        {
            var me = Me();
            await using var db = await databases.CreateDbContextAsync();
            var target = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserName).SingleOrDefaultAsync() ?? throw new NotFoundException();
            var ended = await DatabaseTicketStore.EndForUserAsync(db, userId, clock.GetUtcNow(), SessionEndReasons.EndedByAdministrator);
            await events.RecordAsync(SecurityActions.SessionsEnded, me.Actor, userId, target, $"管理者がセッション{ended}件を終了");
            return ended;
        });
    }

    private async Task<IReadOnlyList<SessionRow>> ListAsync(string userId)
    {
        var now = clock.GetUtcNow();
        var current = principal.User.FindFirstValue(DxClaimTypes.SessionKey);
        await using var db = await databases.CreateDbContextAsync();
        var sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId)
            .OrderByDescending(s => s.LastSeenAt).Take(200).ToListAsync();
        var open = sessions.Where(s => s.IsActiveAt(now)).ToList();
        var ended = sessions.Where(s => !s.IsActiveAt(now)).Take(RecentEnded);
        return open.Concat(ended).Select(s =>
        {
            var end = s.EndAt(now);
            return new SessionRow(s.Key, s.CreatedAt, s.LastSeenAt, DeviceName.Of(s.UserAgent), s.Address, s.Key == current, end is null, end?.At, end?.Reason);
        }).ToList();
    }

    private Me Me()
    {
        var user = principal.User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new ForbiddenException();
        var name = user.Identity?.Name ?? string.Empty;
        return new Me(id, name, user.FindFirstValue(DxClaimTypes.SessionKey), new SecurityActor(id, name));
    }
}

internal sealed record Me(string Id, string Name, string? SessionKey, SecurityActor Actor);

/// <summary>A short Japanese name for a browser from its User-Agent (「Chrome（Windows）」); not a security check.</summary>
public static class DeviceName
{
    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "不明な端末";
        }
        var browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("HeadlessChrome", StringComparison.Ordinal) => "Chrome（ヘッドレス）",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => "ブラウザー",
        };
        var system = userAgent switch
        {
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("Mac OS X", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => null,
        };
        return system is null ? browser : $"{browser}（{system}）";
    }
}
