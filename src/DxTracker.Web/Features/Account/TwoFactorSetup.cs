using System.Globalization;
using System.Security.Claims;
using System.Text;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace DxTracker.Web.Features.Account;

/// <summary>Whether the signed-in user signs in with a second factor, how many recovery codes are left, and whether the user's role requires it.</summary>
public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, bool Required);

/// <summary>What an authenticator app needs: the key to type (in groups of four) and the same as a QR code (inline SVG).</summary>
public sealed record AuthenticatorKey(string Key, string Uri, string QrSvg);

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238, Identity's authenticator token provider) and ten
/// one-time recovery codes, for the signed-in user's own account. Each change is a security event.
/// </summary>
public sealed class TwoFactorSetup(OperationScopes scopes, CircuitPrincipal principal, ActionLog log, TwoFactorPolicy policy)
{
    public const string Issuer = "DxTracker";

    public const int RecoveryCodeCount = 10;

    public Task<TwoFactorStatus> StatusAsync() => WithUserAsync(async (users, user, _) =>
        new TwoFactorStatus(await users.GetTwoFactorEnabledAsync(user), await users.CountRecoveryCodesAsync(user), policy.IsRequiredFor(principal.User)));

    /// <summary>The key to register in the app (a new one unless the user already has one that is not enabled yet).</summary>
    public Task<AuthenticatorKey> KeyAsync() => WithUserAsync(async (users, user, _) =>
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        using var data = new QRCodeGenerator().CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4, "#1a1a1a", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return new AuthenticatorKey(Grouped(key!), uri, svg);
    });

    /// <summary>Turns two-factor sign-in on when the code is right; the new recovery codes (shown once).</summary>
    public Task<IReadOnlyList<string>> EnableAsync(string code) => log.RunAsync("account.two-factor.enable", null, () => WithUserAsync(async (users, user, events) =>
    {
        var typed = Digits(code);
        if (typed.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, typed))
        {
            throw new DomainRuleException("確認コードが正しくありません。認証アプリに表示されている6桁の数字を、表示が切り替わる前に入力してください。");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await events.RecordAsync(SecurityActions.TwoFactorEnabled, Actor(user), user.Id, user.UserName);
        return (IReadOnlyList<string>)codes;
    }));

    public Task<IReadOnlyList<string>> NewRecoveryCodesAsync() => log.RunAsync("account.two-factor.recovery-codes", null, () => WithUserAsync(async (users, user, events) =>
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            throw new DomainRuleException("2段階認証を設定していないため、リカバリーコードは作れません。");
        }
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await events.RecordAsync(SecurityActions.TwoFactorEnabled, Actor(user), user.Id, user.UserName, "リカバリーコードを作り直し");
        return (IReadOnlyList<string>)codes;
    }));

    /// <summary>Turns it off and forgets the key (a new key is needed to turn it on again).</summary>
    public Task DisableAsync() => log.RunAsync("account.two-factor.disable", null, () => WithUserAsync(async (users, user, events) =>
    {
        if (policy.IsRequiredFor(principal.User))
        {
            throw new DomainRuleException($"{policy.RoleNames}の利用者は、2段階認証を解除できません。スマートフォンを替えるときやなくしたときは、管理者に解除を依頼してください（次のログインで設定し直します）。");
        }
        await TurnOffAsync(users, user);
        await events.RecordAsync(SecurityActions.TwoFactorDisabled, Actor(user), user.Id, user.UserName);
        return true;
    }));

    /// <summary>Two-factor off, the key forgotten and the recovery codes void (the user's own choice or an administrator's).</summary>
    internal static async Task TurnOffAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        foreach (var result in new[] { await users.SetTwoFactorEnabledAsync(user, false), await users.ResetAuthenticatorKeyAsync(user) })
        {
            if (!result.Succeeded)
            {
                throw new DomainRuleException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    /// <summary>Only the digits of what was typed (full-width digits and spaces, as a phone shows "123 456", accepted).</summary>
    public static string Digits(string? typed) =>
        new((FullWidth.ToHalfWidth(typed ?? string.Empty)).Where(char.IsAsciiDigit).ToArray());

    private static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(grouped.Length > 0 ? " " : string.Empty).Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return grouped.ToString().ToLowerInvariant();
    }

    private static SecurityActor Actor(ApplicationUser user) => new(user.Id, user.UserName ?? string.Empty);

    private Task<T> WithUserAsync<T>(Func<UserManager<ApplicationUser>, ApplicationUser, SecurityEvents, Task<T>> work) => scopes.RunAsync(async services =>
    {
        var id = principal.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new ForbiddenException();
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id) ?? throw new ForbiddenException();
        return await work(users, user, services.GetRequiredService<SecurityEvents>());
    });
}
