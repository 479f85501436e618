using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// Serilog through Serilog.AspNetCore (docs/decisions/ADR-008): one request line per HTTP request, and, because a
/// circuit's actions are not HTTP requests, each handler logs its own action as a structured event.
/// </summary>
internal static class Logging
{
    public static void AddDxLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, configuration) =>
        {
            configuration
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                // A failed command surfaces as an exception that the error handler logs once; EF's own line
                // would also report the expected probe of the migrations table on a new database as an error.
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal);
            if (development)
            {
                configuration.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                configuration.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        });
    }

    /// <summary>One line per HTTP request; a circuit is a single long request (`/_blazor`) and is left to the handlers.</summary>
    public static void UseDxRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
                diagnostics.Set("UserName", http.User.Identity?.Name ?? "anonymous");
        });
}
