using DxTracker.Web.Components.Pages;
using DxTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace DxTracker.Web.Components.Layout;

/// <summary>
/// Catches what a page throws: a refusal (403) or a missing item (404) is shown as its status page, anything else as
/// the Japanese error message with a reload link; the exception is logged by the framework. On the first (prerendered)
/// request the HTTP status is set too, so that a refused page answers 403 as it did before it became interactive.
/// </summary>
public sealed class DxErrorBoundary : ErrorBoundaryBase
{
    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [Inject] private ILogger<DxErrorBoundary> Logger { get; set; } = default!;

    protected override Task OnErrorAsync(Exception exception)
    {
        if (exception is not (ForbiddenException or NotFoundException))
        {
            LogFailure(Logger, exception);
        }
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }
        var status = StatusOf(CurrentException);
        if (HttpContext is { Response.HasStarted: false } http)
        {
            // Set as the headers go out, after this page has rendered: a 404 set during prerendering makes Blazor leave
            // the body to the status-code middleware, which cannot render a second component in the same request.
            http.Response.OnStarting(() =>
            {
                http.Response.StatusCode = status;
                return Task.CompletedTask;
            });
        }
        builder.OpenComponent<StatusPage>(1);
        builder.AddComponentParameter(2, nameof(StatusPage.StatusCode), status);
        builder.AddComponentParameter(3, nameof(StatusPage.ShowReload), status >= 500);
        builder.CloseComponent();
    }

    internal static int StatusOf(Exception exception) => exception switch
    {
        ForbiddenException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status404NotFound,
        _ when ErrorPages.IsDatabaseUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static readonly Action<ILogger, Exception?> LogFailure =
        LoggerMessage.Define(LogLevel.Error, new EventId(5000, "CircuitError"), "画面の処理中にエラーが発生しました (unhandled exception in a page)");
}
