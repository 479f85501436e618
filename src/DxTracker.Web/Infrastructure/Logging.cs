using Serilog;
using Serilog.Formatting.Json;

namespace DxTracker.Web.Infrastructure;

/// <summary>Serilog without Serilog.AspNetCore (absent from the package source): see docs/decisions/ADR-005.</summary>
internal static class Logging
{
    public static void AddDxLogging(this WebApplicationBuilder builder)
    {
        var configuration = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
            // A failed command surfaces as an exception that the error handler logs once; EF's own line
            // would also report the expected probe of the migrations table on a new database as an error.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", Serilog.Events.LogEventLevel.Fatal);

        configuration = builder.Environment.IsDevelopment()
            ? configuration.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            : configuration.WriteTo.Console(new JsonFormatter(renderMessage: true));

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);
    }
}
