using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// Behind a TLS-terminating reverse proxy (nginx, IIS ARR, a load balancer): the client's address and scheme are taken
/// from X-Forwarded-For / X-Forwarded-Proto only when the request comes from a configured proxy
/// (<c>ReverseProxy:KnownProxies</c>, addresses; <c>ReverseProxy:KnownNetworks</c>, CIDR ranges), so that sign-in
/// throttling and the security log see the real client, cookies are Secure and HSTS is sent under HTTPS. Without a
/// configured proxy the headers are ignored: anyone could send them.
/// </summary>
internal static class ReverseProxy
{
    public static IServiceCollection AddDxReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in List(configuration, "ReverseProxy:KnownProxies"))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in List(configuration, "ReverseProxy:KnownNetworks"))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
        return services;
    }

    public static void UseDxReverseProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Sent only on HTTPS responses (HstsMiddleware skips plain HTTP and localhost).
            app.UseHsts();
        }
    }

    /// <summary>A list setting, as an array (ReverseProxy__KnownProxies__0=…) or one value separated by commas or semicolons.</summary>
    private static IEnumerable<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values.Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal);
    }
}
