using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// A sign-in always starts a new session with a new key. The cookie handler renews the session a request arrived
/// with instead of storing a new one, so a key planted in a browser before sign-in (session fixation) would become the
/// signed-in session. The sign-in page is therefore read without the old session cookie (the form and its antiforgery
/// token are made for an anonymous visitor), and posting the form ends that old session.
/// </summary>
internal sealed class FreshSessionOnSignIn(RequestDelegate next, IOptionsMonitor<CookieAuthenticationOptions> cookies, DatabaseTicketStore store)
{
    /// <summary>The claim the cookie handler puts the session key in (Microsoft.AspNetCore.Authentication.Cookies).</summary>
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    private static readonly PathString SignInPath = "/account/login";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase))
        {
            var options = cookies.Get(IdentityConstants.ApplicationScheme);
            var name = options.Cookie.Name!;
            if (options.CookieManager.GetRequestCookie(context, name) is { Length: > 0 } value)
            {
                if (HttpMethods.IsPost(context.Request.Method) && options.TicketDataFormat.Unprotect(value)?.Principal.FindFirst(SessionIdClaim)?.Value is { } key)
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
