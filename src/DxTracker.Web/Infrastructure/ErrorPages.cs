using System.Net.Sockets;
using DxTracker.Web.Components.Pages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// Error and status pages in Japanese with no stack trace, in every environment: the exception itself
/// goes to the log for operators. A database that cannot be reached gives 503 and says so.
/// </summary>
internal static partial class ErrorPages
{
    public static void UseDxErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleExceptionAsync,
            // The failed request's scoped services (the component renderer among them) cannot render the error page.
            CreateScopeForErrors = true,
            StatusCodeSelector = ex => ex switch
            {
                ForbiddenException => StatusCodes.Status403Forbidden,
                NotFoundException => StatusCodes.Status404NotFound,
                _ when IsDatabaseUnavailable(ex) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
            // Refusals and missing pages are answers, not failures: no error log for them.
            SuppressDiagnosticsCallback = context => context.Exception is ForbiddenException or NotFoundException,
        });
        app.UseStatusCodePages(context => RenderAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
    }

    private static readonly string[] UnavailableClasses = ["08", "28", "3D", "53", "57P"];

    /// <summary>
    /// The database cannot be reached or used at all: connection (08xxx), sign-in to the server (28xxx), no such
    /// database (3D000), out of resources (53xxx), shutting down (57P0x). A statement the server refused for its data
    /// (a PostgresException of another class, such as a NUL in text) is a failure of the request, not an outage.
    /// </summary>
    internal static bool IsDatabaseUnavailable(Exception? exception) =>
        SelfAndInner(exception).Any(e => e switch
        {
            PostgresException pg => UnavailableClasses.Any(c => pg.SqlState.StartsWith(c, StringComparison.Ordinal)),
            NpgsqlException or SocketException or TimeoutException => true,
            _ => false,
        });

    /// <summary>The exception and the ones inside it, outermost first.</summary>
    internal static IEnumerable<Exception> SelfAndInner(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static Task HandleExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (IsDatabaseUnavailable(exception))
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DxTracker.Database");
            LogDatabaseUnavailable(logger, exception!.GetBaseException().Message);
        }
        return RenderAsync(context, context.Response.StatusCode);
    }

    internal static Task RenderAsync(HttpContext context, int statusCode)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return Results.Problem(statusCode: statusCode, title: StatusPage.TitleFor(statusCode)).ExecuteAsync(context);
        }
        var page = new RazorComponentResult<StatusDocument>(new Dictionary<string, object?> { [nameof(StatusDocument.StatusCode)] = statusCode })
        {
            StatusCode = statusCode,
        };
        return page.ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 5030, Level = LogLevel.Error, Message = "データベースに接続できません (database unavailable): {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason);
}
