using System.Security.Claims;
using DxTracker.Web.Components;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DxTracker.Web.Data.Identity;

/// <summary>Adds the display name (and a pending password change or two-factor set-up) to the sign-in cookie.</summary>
internal sealed class DxClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    TwoFactorPolicy twoFactor)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DxClaimTypes.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(DxClaimTypes.MustChangePassword, "true"));
        }
        if (!user.TwoFactorEnabled && twoFactor.IsRequiredFor(new ClaimsPrincipal(identity)))
        {
            identity.AddClaim(new Claim(DxClaimTypes.MustSetUpTwoFactor, "true"));
        }
        return identity;
    }
}
