using Microsoft.AspNetCore.Antiforgery;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// A form post whose antiforgery check failed gets the Japanese status page instead of the framework's English
/// text. The check fails when the token is missing or stale (the form was opened before the server's keys changed,
/// or in another sign-in) and also when the form could not be read at all, as with an upload larger than the
/// server accepts: that one is 413, with the size limits named.
/// </summary>
internal sealed partial class AntiforgeryFailureMiddleware(RequestDelegate next, ILogger<AntiforgeryFailureMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: false } failed)
        {
            return next(context);
        }
        var statusCode = IsTooLarge(failed.Error) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        LogRefused(logger, context.Request.Method, context.Request.Path, statusCode, failed.Error?.GetType().Name ?? "no token", failed.Error?.Message ?? string.Empty);
        return ErrorPages.RenderAsync(context, statusCode);
    }

    /// <summary>Kestrel's request body limit (413), or the form reader's own limits.</summary>
    internal static bool IsTooLarge(Exception? error) =>
        ErrorPages.SelfAndInner(error).Any(e => e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException);

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Form post refused before reading it: {Method} {Path} → {StatusCode} ({Reason}: {Detail})")]
    private static partial void LogRefused(ILogger logger, string method, string path, int statusCode, string reason, string detail);
}
