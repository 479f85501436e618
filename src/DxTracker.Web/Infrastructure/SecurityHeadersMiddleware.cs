using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// Security headers on every response. Scripts: only the app's own files, never inline (docs/decisions/ADR-006).
/// Styles: the static pages allow only the app's stylesheet; the interactive pages also allow inline styles, because
/// MudBlazor writes <c>style="…"</c> attributes and its theme's <c>&lt;style&gt;</c> block.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, Auth.SingleSignOnOptions singleSignOn)
{
    internal const string ContentSecurityPolicy = Common + "; form-action 'self'; style-src 'self'";

    internal const string InteractiveContentSecurityPolicy =
        Common + "; form-action 'self'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; style-src-attr 'unsafe-inline'";

    private const string Common =
        "default-src 'self'; script-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    // With single sign-on, the sign-in page's form post redirects to the identity provider, which form-action governs.
    private readonly string staticPolicy = WithProvider(ContentSecurityPolicy, singleSignOn.ProviderOrigin);

    private readonly string interactivePolicy = WithProvider(InteractiveContentSecurityPolicy, singleSignOn.ProviderOrigin);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = IsInteractivePage(context) ? interactivePolicy : staticPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static string WithProvider(string policy, string? providerOrigin) =>
        providerOrigin is null ? policy : policy.Replace("form-action 'self'", $"form-action 'self' {providerOrigin}", StringComparison.Ordinal);

    private static bool IsInteractivePage(HttpContext context) =>
        context.GetEndpoint()?.Metadata is { } metadata
        && metadata.GetMetadata<ComponentTypeMetadata>() is not null
        && metadata.GetMetadata<ExcludeFromInteractiveRoutingAttribute>() is null;
}
