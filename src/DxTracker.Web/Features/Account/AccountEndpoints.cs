using DxTracker.Web.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DxTracker.Web.Features.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post: antiforgery is validated by the middleware because the handler reads the form.
        endpoints.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<ApplicationUser> signInManager) =>
        {
            _ = returnUrl;
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login?loggedOut=true");
        }).AllowAnonymous();
    }
}
