using System.Security.Claims;
using DxTracker.Web.Components;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// Re-checks an open circuit's user against the database every few minutes (five by default): a deactivated user, a
/// reset password or a changed role (each changes the security stamp) signs the circuit out, as the cookie's own
/// validation does for HTTP requests. A session that was signed out or ended elsewhere, or that passed its absolute
/// lifetime, signs the circuit out too.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<RevalidationOptions> revalidation,
    TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => revalidation.Value.Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (authenticationState.User.FindFirstValue(DxClaimTypes.SessionKey) is { } session
            && !await DatabaseTicketStore.IsActiveAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), session, clock.GetUtcNow()))
        {
            return false;
        }
        return await IsStillValidAsync(users, authenticationState.User);
    }

    /// <summary>What the periodic check decides for this user (tests call it without waiting for the interval).</summary>
    internal Task<bool> RevalidateNowAsync(ClaimsPrincipal user) =>
        ValidateAuthenticationStateAsync(new AuthenticationState(user), CancellationToken.None);

    private async Task<bool> IsStillValidAsync(UserManager<ApplicationUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.IsActive)
        {
            return false;
        }
        var principalStamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}

/// <summary>How often open circuits re-check their user (<c>Authentication:RevalidationMinutes</c>).</summary>
public sealed class RevalidationOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}
