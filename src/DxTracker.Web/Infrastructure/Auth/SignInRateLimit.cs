using System.Threading.RateLimiting;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// At most <c>Authentication:SignInPostsPerMinute</c> (<see cref="PostsPerMinute"/>) sign-in posts per minute from one client address (ASP.NET Core's rate limiter);
/// more get the Japanese 429 page. Generous, because a municipality's staff may all reach the server through one proxy
/// address (configure the proxy as known, docs/operations.md, so that each client counts alone). Everything else, and a
/// request without a client address (only the in-process test host has none), is not limited.
/// </summary>
internal static class SignInRateLimit
{
    /// <summary>The default of <c>Authentication:SignInPostsPerMinute</c>.</summary>
    public const int PostsPerMinute = 60;

    public static IServiceCollection AddDxSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var limit = configuration.GetValue("Authentication:SignInPostsPerMinute", PostsPerMinute);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInPost(context) && context.Connection.RemoteIpAddress is { } address
                    ? RateLimitPartition.GetFixedWindowLimiter(address.ToString(), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
    }

    private static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase);
}
