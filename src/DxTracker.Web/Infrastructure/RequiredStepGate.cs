using System.Security.Claims;
using DxTracker.Web.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// A step the signed-in user must finish before doing anything else (the claims are set at sign-in; finishing the step
/// refreshes the session without its claim): first a new password when an administrator reset it, then two-factor
/// sign-in when the user's role requires it (<see cref="Auth.TwoFactorPolicy"/>); neither for a session that began at
/// the identity provider (single sign-on, ADR-012). Pages redirect to the step's page;
/// every other endpoint that needs a signed-in user (the JSON API, downloads, the circuit hub, so no interactive page
/// either) answers 403. Anonymous endpoints (static files, the public reports, health) are served as to an anonymous
/// reader; signing in and out stays open.
/// </summary>
internal sealed class RequiredStepGate(RequestDelegate next)
{
    public const string ChangePasswordPage = "/account/change-password";

    public const string TwoFactorPage = "/account/two-factor/required";

    public Task InvokeAsync(HttpContext context)
    {
        // A session that began at the identity provider used neither DxTracker's password nor its second factor.
        var step = context.User.HasClaim(ClaimTypes.AuthenticationMethod, Auth.SingleSignOnOptions.AuthenticationMethod) ? null
            : context.User.HasClaim(DxClaimTypes.MustChangePassword, "true") ? ChangePasswordPage
            : context.User.HasClaim(DxClaimTypes.MustSetUpTwoFactor, "true") ? TwoFactorPage
            : null;
        if (step is null
            || context.Request.Path.Equals(step, StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/account/login")
            || context.Request.Path.StartsWithSegments("/account/logout"))
        {
            return next(context);
        }
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            context.Response.Redirect(step);
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
