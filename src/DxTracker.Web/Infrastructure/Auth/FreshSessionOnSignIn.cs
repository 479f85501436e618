using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// A sign-in always starts a new session with a new key. The cookie handler renews the session a request arrived
/// with instead of storing a new one, so a key planted in a browser before sign-in (session fixation) would become the
/// signed-in session. The sign-in pages (<c>/account/login/…</c>: the form, the second factor, single sign-on's steps) are
/// therefore read without the old session cookie (the forms and their antiforgery tokens are made for an anonymous
/// visitor), and posting the form ends that old session; so does the last step of a single sign-on
/// (<see cref="SingleSignOnOptions.CompletePath"/>), which signs in on a GET.
/// </summary>
internal sealed class FreshSessionOnSignIn(RequestDelegate next, IOptionsMonitor<CookieAuthenticationOptions> cookies, DatabaseTicketStore store)
{
    /// <summary>The claim the cookie handler puts the session key in (Microsoft.AspNetCore.Authentication.Cookies).</summary>
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    private static readonly PathString SignInPath = "/account/login";

    private static readonly PathString SingleSignOnPath = SingleSignOnOptions.CompletePath;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase))
        {
            // The last step of a single sign-on signs in only with the provider's answer (Identity's external cookie): a
            // link to it from elsewhere must not sign anyone out.
            var signsIn = (context.Request.Path.Equals(SingleSignOnPath, StringComparison.OrdinalIgnoreCase)
                    && context.Request.Cookies.ContainsKey(cookies.Get(IdentityConstants.ExternalScheme).Cookie.Name!))
                || (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase));
            var options = cookies.Get(IdentityConstants.ApplicationScheme);
            var name = options.Cookie.Name!;
            if (options.CookieManager.GetRequestCookie(context, name) is { Length: > 0 } value)
            {
                if (signsIn && options.TicketDataFormat.Unprotect(value)?.Principal.FindFirst(SessionIdClaim)?.Value is { } key)
                {
                    await store.RemoveAsync(key, context, context.RequestAborted);
                }
                var others = context.Request.Headers.Cookie.SelectMany(h => (h ?? string.Empty).Split(';'))
                    .Select(c => c.Trim())
                    .Where(c => c.Length > 0 && !c.StartsWith(name, StringComparison.Ordinal));
                context.Request.Headers.Cookie = string.Join("; ", others);
            }
        }
        await next(context);
    }
}
