using System.Security.Claims;
using DxTracker.Web.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DxTracker.Web.Data.Identity;

/// <summary>Adds the display name (and a pending password change) to the sign-in cookie.</summary>
internal sealed class DxClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
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
        return identity;
    }
}
