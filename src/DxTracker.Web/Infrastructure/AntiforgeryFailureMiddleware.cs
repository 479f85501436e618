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
    /// <summary>The forms each static page renders: a post naming another (or none) is refused here in Japanese.</summary>
    private static readonly Dictionary<string, string> StaticForms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/account/login"] = "login",
        ["/account/change-password"] = "change-password",
        ["/account/login/two-factor"] = "two-factor",
    };

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: false } failed)
        {
            if (await IsForAnotherFormAsync(context))
            {
                LogRefused(logger, context.Request.Method, context.Request.Path, StatusCodes.Status400BadRequest, "unknown form", "the page renders no such form");
                await ErrorPages.RenderAsync(context, StatusCodes.Status400BadRequest);
                return;
            }
            await next(context);
            return;
        }
        var statusCode = IsTooLarge(failed.Error) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        LogRefused(logger, context.Request.Method, context.Request.Path, statusCode, failed.Error?.GetType().Name ?? "no token", failed.Error?.Message ?? string.Empty);
        await ErrorPages.RenderAsync(context, statusCode);
    }

    /// <summary>
    /// A post to a static page that names a form the page does not render (Blazor would answer in English text/plain).
    /// </summary>
    private static async Task<bool> IsForAnotherFormAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType
            || !StaticForms.TryGetValue(context.Request.Path.Value ?? string.Empty, out var form))
        {
            return false;
        }
        var posted = await context.Request.ReadFormAsync();
        return posted["_handler"].ToString() != form;
    }

    /// <summary>
    /// Kestrel's request body limit (413), or the form reader's own limits ("Form value length limit … exceeded"); the
    /// form reader's other refusals (a NUL in a field) are a bad request, not a size.
    /// </summary>
    internal static bool IsTooLarge(Exception? error) =>
        ErrorPages.SelfAndInner(error).Any(e => e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (e is InvalidDataException && e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)));

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Form post refused before reading it: {Method} {Path} → {StatusCode} ({Reason}: {Detail})")]
    private static partial void LogRefused(ILogger logger, string method, string path, int statusCode, string reason, string detail);
}
