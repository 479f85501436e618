using System.Security.Claims;
using DxTracker.Web.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// A user whose password an administrator reset must choose a new one before doing anything else (the claim is set at
/// sign-in; changing the password refreshes the session without it): pages redirect to the change page; every other
/// endpoint that needs a signed-in user (the JSON API, downloads, the circuit hub) answers 403. Anonymous endpoints
/// (static files, the public reports, health) are served as to an anonymous reader; signing out stays open.
/// </summary>
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    private static readonly PathString ChangePage = "/account/change-password";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(DxClaimTypes.MustChangePassword, "true")
            || context.Request.Path.StartsWithSegments(ChangePage)
            || context.Request.Path.StartsWithSegments("/account/login")
            || context.Request.Path.StartsWithSegments("/account/logout"))
        {
            return next(context);
        }
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            context.Response.Redirect(ChangePage);
            return Task.CompletedTask;
        }
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            // Served as to anyone: the public report files, not a signed-in reader's version of them.
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
