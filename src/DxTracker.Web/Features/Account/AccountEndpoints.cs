using System.Security.Claims;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DxTracker.Web.Features.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post: antiforgery is validated by the middleware because the handler reads the form. Signing out
        // ends the session on the server (DatabaseTicketStore), so a copy of the cookie no longer works either.
        endpoints.MapPost("/account/logout", async ([FromForm] string? returnUrl, HttpContext context, SignInManager<ApplicationUser> signInManager, SecurityEvents events) =>
        {
            _ = returnUrl;
            var user = context.User;
            await signInManager.SignOutAsync();
            if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            {
                var name = user.Identity?.Name ?? string.Empty;
                await events.RecordAsync(SecurityActions.SignedOut, new SecurityActor(userId, name), userId, name);
            }
            return TypedResults.LocalRedirect("/account/login?loggedOut=true");
        }).AllowAnonymous();

        // Single sign-on (when configured): a form post from the sign-in page (antiforgery as above) goes to the
        // provider; the provider's answer comes back to the handler's callback and then here.
        endpoints.MapPost("/account/login/sso", ([FromForm] string? returnUrl, SingleSignOnOptions options) =>
            options.Enabled
                ? Results.Challenge(new AuthenticationProperties
                {
                    RedirectUri = $"{SingleSignOnOptions.CompletePath}?ReturnUrl={Uri.EscapeDataString(Login.SafeReturnUrl(returnUrl))}",
                }, [SingleSignOnOptions.Scheme])
                : Results.NotFound()).AllowAnonymous();
        endpoints.MapGet(SingleSignOnOptions.CompletePath, async ([FromQuery(Name = "ReturnUrl")] string? returnUrl, SingleSignOnSignIn signIn) =>
            await signIn.CompleteAsync() == SignInOutcome.SignedIn
                ? Results.LocalRedirect(Login.SafeReturnUrl(returnUrl))
                : Results.LocalRedirect("/account/login?sso=refused")).AllowAnonymous();
    }
}
