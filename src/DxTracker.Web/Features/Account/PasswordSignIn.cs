using System.Security.Claims;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace DxTracker.Web.Features.Account;

/// <summary>What the sign-in form tells the user.</summary>
public enum SignInOutcome
{
    SignedIn,

    /// <summary>Unknown user ID, wrong password, locked or deactivated account: one answer for all, in similar time.</summary>
    Refused,

    /// <summary>Too many failures from this client for this user ID (whether or not it exists).</summary>
    Throttled,

    /// <summary>The password was right; the account signs in with a second factor (the code page comes next).</summary>
    NeedsSecondFactor,
}

/// <summary>
/// Password sign-in that tells nobody whether an account exists: every refusal gives the same answer after the same
/// work (a password hash is checked even for an unknown user ID), and failures slow down the client that makes them
/// (<see cref="SignInThrottle"/>) rather than locking the account for everyone.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    SignInThrottle throttle,
    SecurityEvents events,
    IHttpContextAccessor http)
{
    /// <summary>A hash to check typed passwords against when there is no account, so that the answer takes as long.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var client = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var normalized = users.NormalizeName(userName.Trim()) ?? string.Empty;
        var user = await users.FindByNameAsync(userName.Trim());
        var actor = user is null ? SecurityActor.Unknown : new SecurityActor(user.Id, user.UserName ?? string.Empty);

        if (throttle.BlockedUntil(normalized, client) is not null)
        {
            CheckDecoy(password);
            await events.RecordAsync(SecurityActions.SignInThrottled, actor, user?.Id, user?.UserName);
            return SignInOutcome.Throttled;
        }
        if (user is null)
        {
            CheckDecoy(password);
            return await RefuseAsync(normalized, client, actor, null, "存在しないユーザーID");
        }
        if (await users.IsLockedOutAsync(user))
        {
            CheckDecoy(password);
            return await RefuseAsync(normalized, client, actor, user, "ロック中のアカウント");
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                await events.RecordAsync(SecurityActions.LockedOut, actor, user.Id, user.UserName, $"連続{users.Options.Lockout.MaxFailedAccessAttempts}回の失敗");
            }
            return await RefuseAsync(normalized, client, actor, user, "パスワードの誤り");
        }
        if (!user.IsActive)
        {
            return await RefuseAsync(normalized, client, actor, user, "無効にされたアカウント");
        }
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            // Identity's short-lived two-factor cookie names the user for the code page; not signed in yet.
            await http.HttpContext!.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));
            return SignInOutcome.NeedsSecondFactor;
        }
        await users.ResetAccessFailedCountAsync(user);
        throttle.Succeeded(normalized, client);
        await signIn.SignInAsync(user, isPersistent: false);
        await events.RecordAsync(SecurityActions.SignedIn, actor, user.Id, user.UserName);
        return SignInOutcome.SignedIn;
    }

    /// <summary>
    /// The second step: the authenticator app's code, or one of the recovery codes. Wrong codes count towards Identity's
    /// lockout like wrong passwords, and are security events.
    /// </summary>
    public async Task<SignInOutcome> SecondFactorAsync(string code, bool recoveryCode)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SignInOutcome.Refused;
        }
        var actor = new SecurityActor(user.Id, user.UserName ?? string.Empty);
        var result = recoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync((code ?? string.Empty).Replace(" ", "", StringComparison.Ordinal).Trim())
            : await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorSetup.Digits(code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await events.RecordAsync(recoveryCode ? SecurityActions.RecoveryCodeUsed : SecurityActions.SignedIn, actor, user.Id, user.UserName, recoveryCode ? null : "確認コード");
            return SignInOutcome.SignedIn;
        }
        await events.RecordAsync(SecurityActions.SecondFactorFailed, actor, user.Id, user.UserName, recoveryCode ? "リカバリーコードの誤り" : "確認コードの誤り");
        return result.IsLockedOut ? SignInOutcome.Throttled : SignInOutcome.Refused;
    }

    private async Task<SignInOutcome> RefuseAsync(string normalized, string client, SecurityActor actor, ApplicationUser? user, string reason)
    {
        throttle.Failed(normalized, client);
        await events.RecordAsync(SecurityActions.SignInFailed, actor, user?.Id, user?.UserName, reason);
        return SignInOutcome.Refused;
    }

    private static void CheckDecoy(string password) =>
        new PasswordHasher<ApplicationUser>().VerifyHashedPassword(new ApplicationUser(), DecoyHash.Value, password);
}
