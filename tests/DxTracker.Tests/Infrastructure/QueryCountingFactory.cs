using DxTracker.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Infrastructure;

/// <summary>The app with every DbContext it builds reporting its commands to <see cref="Counter"/>.</summary>
public sealed class QueryCountingFactory(string connectionString) : DxWebApplicationFactory(connectionString)
{
    public QueryCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<AppDbContext>((_, options) => options.AddInterceptors(Counter)));
    }
}
