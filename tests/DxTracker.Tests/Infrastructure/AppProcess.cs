using System.Diagnostics;

namespace DxTracker.Tests.Infrastructure;

/// <summary>The built app as an operator runs it: its own process (Production unless told otherwise), with arguments and environment.</summary>
public static class AppProcess
{
    /// <summary>Runs the app to its exit; the exit code and everything it wrote (JSON escapes undone).</summary>
    public static async Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = StartInfo(environment, arguments);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, System.Text.RegularExpressions.Regex.Unescape(await output + await error));
    }

    /// <summary>
    /// How to start the app built beside the tests (src/DxTracker.Web/bin/&lt;configuration&gt;): in Production on a free
    /// port unless <paramref name="environment"/> says otherwise, its output redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var webDll = typeof(Program).Assembly.Location
            .Replace(Path.Combine("tests", "DxTracker.Tests"), Path.Combine("src", "DxTracker.Web"), StringComparison.Ordinal)
            .Replace(Path.Combine("tests", "DxTracker.EndToEnd"), Path.Combine("src", "DxTracker.Web"), StringComparison.Ordinal);
        var start = new ProcessStartInfo("dotnet", [webDll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return start;
    }
}
