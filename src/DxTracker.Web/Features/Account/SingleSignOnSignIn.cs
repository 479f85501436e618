using System.Security.Claims;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Account;

/// <summary>
/// The end of a sign-in at the municipality's identity provider: the provider's answer (in Identity's external cookie,
/// minutes old at most) names a person; the one active DxTracker account with that user ID or e-mail address signs in,
/// with the session marked as the provider's (<see cref="SingleSignOnOptions.AuthenticationMethod"/>: the provider
/// checked the password and its own second factor, so DxTracker's temporary-password and two-factor steps do not apply).
/// Every outcome is a security event.
/// </summary>
public sealed class SingleSignOnSignIn(
    SingleSignOnOptions options,
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    SecurityEvents events,
    IHttpContextAccessor http)
{
    public async Task<SignInOutcome> CompleteAsync()
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("Single sign-on completes in an HTTP request.");
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!options.Enabled || !external.Succeeded)
        {
            return SignInOutcome.Refused;
        }
        var claimValue = external.Principal.FindFirstValue(options.UserClaim)?.Trim();
        var subject = external.Principal.FindFirstValue("sub");
        var user = string.IsNullOrEmpty(claimValue) ? null : await FindAsync(claimValue);
        if (user is null)
        {
            await events.RecordAsync(SecurityActions.SignInFailed, SecurityActor.Unknown, null, null,
                $"シングルサインオン：対応するユーザーがありません（{options.UserClaim}={claimValue ?? "なし"}、sub={subject}）");
            return SignInOutcome.Refused;
        }
        var actor = new SecurityActor(user.Id, user.UserName ?? string.Empty);
        if (!await signIn.CanSignInAsync(user))
        {
            await events.RecordAsync(SecurityActions.SignInFailed, actor, user.Id, user.UserName, "シングルサインオン：無効にされたアカウント");
            return SignInOutcome.Refused;
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: SingleSignOnOptions.AuthenticationMethod);
        await events.RecordAsync(SecurityActions.SignedIn, actor, user.Id, user.UserName, $"シングルサインオン（{options.DisplayName}）");
        return SignInOutcome.SignedIn;
    }

    /// <summary>Exactly one account: e-mail addresses need not be unique, and two accounts with one address match none.</summary>
    private async Task<ApplicationUser?> FindAsync(string value)
    {
        if (options.MatchBy == SingleSignOnMatch.UserName)
        {
            return await users.FindByNameAsync(value);
        }
        var normalized = users.NormalizeEmail(value);
        var matches = await users.Users.Where(u => u.NormalizedEmail == normalized).Take(2).ToListAsync();
        return matches.Count == 1 ? matches[0] : null;
    }
}
