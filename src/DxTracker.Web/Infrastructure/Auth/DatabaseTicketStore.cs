using System.Security.Claims;
using System.Security.Cryptography;
using DxTracker.Web.Components;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>How long a session lasts (<c>Authentication:IdleTimeoutMinutes</c>, <c>Authentication:AbsoluteLifetimeHours</c>).</summary>
public sealed class SessionLifetimeOptions
{
    /// <summary>Without a request for this long the session ends (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>However active, the user signs in again after this long.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// Keeps sign-in tickets in PostgreSQL (<see cref="UserSession"/>); the cookie carries only the session's random key.
/// Signing out ends the session on the server, so a copied cookie stops working at once, on every instance; the
/// absolute lifetime is enforced here, whatever the cookie's sliding expiry says.
/// </summary>
internal sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SessionLifetimeOptions> lifetime) : ITicketStore
{
    /// <summary>Ended and expired sessions are kept this long for the user's and the administrators' session lists.</summary>
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(30);

    /// <summary>The last-used time is written at most this often per session (not on every request).</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = clock.GetUtcNow();
        var key = NewKey();
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("a ticket without a user id");
        var session = new UserSession(key, userId, now, now + lifetime.Value.AbsoluteLifetime,
            httpContext?.Request.Headers.UserAgent.ToString(), httpContext?.Connection.RemoteIpAddress?.ToString())
        {
            ExpiresAt = ticket.Properties.ExpiresUtc,
            Ticket = TicketSerializer.Default.Serialize(WithoutSessionKey(ticket)),
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        var forgotten = now - KeptAfterExpiry;
        await db.UserSessions.Where(s => s.AbsoluteExpiresAt < forgotten).ExecuteDeleteAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var bytes = TicketSerializer.Default.Serialize(WithoutSessionKey(ticket));
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.UserSessions.Where(s => s.Key == key && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, ticket.Properties.ExpiresUtc).SetProperty(x => x.LastSeenAt, now), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (session is null || !session.IsActiveAt(now) || TicketSerializer.Default.Deserialize(session.Ticket) is not { } ticket)
        {
            return null;
        }
        if (now - session.LastSeenAt > LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }
        // The principal knows its session: circuits re-check it, and the session list marks "this browser".
        (ticket.Principal.Identity as ClaimsIdentity)?.AddClaim(new Claim(DxClaimTypes.SessionKey, key));
        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await EndAsync(db, db.UserSessions.Where(s => s.Key == key), clock.GetUtcNow(), SessionEndReasons.SignedOut, cancellationToken);
    }

    /// <summary>Ends the sessions of the query that are still open; the number ended.</summary>
    internal static Task<int> EndAsync(AppDbContext db, IQueryable<UserSession> sessions, DateTimeOffset now, string reason, CancellationToken cancellationToken = default) =>
        sessions.Where(s => s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), cancellationToken);

    /// <summary>Ends every open session of the user, but the one kept (this browser's, when given); the number ended.</summary>
    internal static Task<int> EndForUserAsync(AppDbContext db, string userId, DateTimeOffset now, string reason, string? keep = null) =>
        EndAsync(db, db.UserSessions.Where(s => s.UserId == userId && s.Key != keep), now, reason);

    /// <summary>Whether the session is still open (the circuit's periodic check).</summary>
    internal static async Task<bool> IsActiveAsync(AppDbContext db, string key, DateTimeOffset now)
    {
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key);
        return session is not null && session.IsActiveAt(now);
    }

    private static string NewKey() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The key claim is added when the ticket is read, never stored with it.</summary>
    private static AuthenticationTicket WithoutSessionKey(AuthenticationTicket ticket)
    {
        foreach (var identity in ticket.Principal.Identities)
        {
            foreach (var claim in identity.FindAll(DxClaimTypes.SessionKey).ToList())
            {
                identity.TryRemoveClaim(claim);
            }
        }
        return ticket;
    }
}

internal static class TicketStoreRegistration
{
    /// <summary>Sessions in PostgreSQL for Identity's application cookie, with the configured idle and absolute limits.</summary>
    public static IServiceCollection AddDxSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionLifetimeOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            if (configuration.GetValue<double?>("Authentication:IdleTimeoutMinutes") is { } idle)
            {
                o.IdleTimeout = TimeSpan.FromMinutes(idle);
            }
            if (configuration.GetValue<double?>("Authentication:AbsoluteLifetimeHours") is { } absolute)
            {
                o.AbsoluteLifetime = TimeSpan.FromHours(absolute);
            }
        });
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore, IOptions<SessionLifetimeOptions>>((o, store, lifetime) =>
            {
                o.SessionStore = store;
                o.ExpireTimeSpan = lifetime.Value.IdleTimeout;
            });
        return services;
    }
}
