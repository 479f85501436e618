namespace DxTracker.Web.Infrastructure;

/// <summary>
/// `dotnet DxTracker.Web.dll healthcheck`: asks the running app's /health and exits 0 when healthy.
/// The container image has no curl; compose's health check uses this instead.
/// </summary>
internal static class HealthProbe
{
    public static async Task<int> RunAsync(string? url)
    {
        var target = url ?? Environment.GetEnvironmentVariable("DXTRACKER_HEALTH_URL") ?? "http://127.0.0.1:8080/health";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(target));
            await Console.Out.WriteLineAsync($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"unreachable: {e.Message}");
            return 1;
        }
        catch (TaskCanceledException)
        {
            await Console.Error.WriteLineAsync("timeout");
            return 1;
        }
    }
}
