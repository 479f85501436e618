using System.Security.Claims;
using DxTracker.Web.Domain;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// Which roles must sign in with a second factor (issue 12: administrators and the office by default, others by
/// choice): the setting <c>Authentication:TwoFactorRequiredFor</c>, role names separated by commas (empty: nobody). A
/// user in such a role without two-factor sign-in must set it up right after the password, before anything else
/// (<see cref="RequiredStepGate"/>), and cannot turn it off (an administrator can, for a lost phone).
/// </summary>
public sealed class TwoFactorPolicy(IReadOnlySet<string> requiredRoles)
{
    public const string SettingName = "Authentication:TwoFactorRequiredFor";

    /// <summary>The default where the setting is absent: 管理者 and デジタル推進課.</summary>
    public static readonly string DefaultSetting = $"{Roles.Admin},{Roles.Reviewer}";

    public IReadOnlySet<string> RequiredRoles { get; } = requiredRoles;

    /// <summary>Reads the setting; a name that is not a role stops the start with a message naming it.</summary>
    public static TwoFactorPolicy From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var roles = (configuration[SettingName] ?? DefaultSetting)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
        {
            throw new InvalidOperationException(
                $"設定 {SettingName} の「{unknown}」は役割の名前ではありません。{string.Join(", ", Roles.All)} から、カンマ区切りで指定してください（空欄: 必須にしない）。");
        }
        return new TwoFactorPolicy(roles);
    }

    public bool IsRequiredFor(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return RequiredRoles.Any(principal.IsInRole);
    }

    /// <summary>The Japanese names of the required roles, for messages (「管理者、デジタル推進課」).</summary>
    public string RoleNames => string.Join("、", Roles.All.Where(RequiredRoles.Contains).Select(Roles.DisplayName));
}
