namespace DxTracker.Web.Infrastructure;

/// <summary>
/// An instance that is stopping (SIGTERM, <c>systemctl stop</c>) takes no new request: 503, <c>Connection: close</c>,
/// a short Japanese page. SignalR closes the circuits' connections as the stop begins, and the browsers reconnect at
/// once; without this gate the reconnect reached this instance again (it still listens until the stop's handlers have
/// run) and held the stop for its whole shutdown timeout, with the tab on a circuit about to go. Refused here, the
/// reverse proxy passes the request to another instance (nginx: <c>proxy_next_upstream … http_503 non_idempotent</c>;
/// nothing was done for it, so a post may be passed on too), and the tab reloads there. Requests already running finish.
/// </summary>
internal sealed class StoppingInstanceGate(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    private const string Page =
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>ただいまご利用いただけません - DxTracker</title></head>"
        + "<body><main><h1>ただいまご利用いただけません</h1><p>サーバーを停止しています。しばらく待ってから、ページを再読み込みしてください。</p></main></body></html>";

    public Task InvokeAsync(HttpContext context)
    {
        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.Connection = "close";
        context.Response.Headers.RetryAfter = "5";
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Page);
    }
}
