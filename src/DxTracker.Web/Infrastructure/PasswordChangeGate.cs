using DxTracker.Web.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// A user whose password an administrator reset must choose a new one before using any page
/// (the claim is set at sign-in; changing the password refreshes the cookie without it).
/// </summary>
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    private static readonly PathString ChangePage = "/account/change-password";

    public Task InvokeAsync(HttpContext context)
    {
        var isPage = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
        if (isPage
            && context.User.HasClaim(DxClaimTypes.MustChangePassword, "true")
            && !context.Request.Path.StartsWithSegments(ChangePage)
            && !context.Request.Path.StartsWithSegments("/account/login"))
        {
            context.Response.Redirect(ChangePage);
            return Task.CompletedTask;
        }
        return next(context);
    }
}
