using System.Collections.Concurrent;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// Slows down guessing from one client without letting anyone lock a colleague out: failures are counted per user ID
/// <em>and</em> client address, so after <see cref="FreeAttempts"/> failures only that client waits (1 minute,
/// doubling to 15), while the real user signs in from their own PC. Kept in memory per instance; the per-client rate
/// limit on the sign-in form and Identity's lockout after 100 consecutive failures (NIST SP 800-63B) bound the rest.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeAttempts = 5;

    private static readonly TimeSpan FirstWait = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    /// <summary>After this long without a failure a pair's count starts again.</summary>
    private static readonly TimeSpan Forgotten = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Failures> failures = new(StringComparer.Ordinal);

    /// <summary>Until when this client must wait before trying this user ID again; null when it may try now.</summary>
    public DateTimeOffset? BlockedUntil(string normalizedUserName, string client)
    {
        var now = clock.GetUtcNow();
        if (!failures.TryGetValue(Key(normalizedUserName, client), out var entry) || entry.Count < FreeAttempts)
        {
            return null;
        }
        var until = entry.Last + Wait(entry.Count);
        return until > now ? until : null;
    }

    public void Failed(string normalizedUserName, string client)
    {
        var now = clock.GetUtcNow();
        failures.AddOrUpdate(Key(normalizedUserName, client), _ => new Failures(1, now),
            (_, entry) => now - entry.Last > Forgotten ? new Failures(1, now) : new Failures(entry.Count + 1, now));
        if (failures.Count > 10_000)
        {
            foreach (var (key, entry) in failures)
            {
                if (now - entry.Last > Forgotten)
                {
                    failures.TryRemove(key, out _);
                }
            }
        }
    }

    public void Succeeded(string normalizedUserName, string client) => failures.TryRemove(Key(normalizedUserName, client), out _);

    private static TimeSpan Wait(int count)
    {
        var doublings = Math.Min(count - FreeAttempts, 4);
        var wait = FirstWait * Math.Pow(2, doublings);
        return wait < LongestWait ? wait : LongestWait;
    }

    private static string Key(string normalizedUserName, string client) => $"{client}\n{normalizedUserName}";

    private sealed record Failures(int Count, DateTimeOffset Last);
}
