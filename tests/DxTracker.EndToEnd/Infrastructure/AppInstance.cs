using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DxTracker.Tests.Infrastructure;

namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>
/// One instance of the built app in its own process on 127.0.0.1, as an operator runs it behind a proxy: nothing is
/// shared with the tests or another instance but the database. Its output goes to artifacts/logs/&lt;name&gt;.log.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private AppInstance(string name, int port, Process process, StreamWriter log)
    {
        Name = name;
        Port = port;
        this.process = process;
        this.log = log;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>The address nginx names it by (<c>$upstream_addr</c>).</summary>
    public string Address => $"127.0.0.1:{Port}";

    public bool HasExited => process.HasExited;

    public static async Task<AppInstance> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort();
        var start = AppProcess.StartInfo(new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
        var log = new StreamWriter(Pages.ArtifactPath("logs", name + ".log"), append: false) { AutoFlush = true };
        var process = Process.Start(start)!;
        var instance = new AppInstance(name, port, process, log);
        process.OutputDataReceived += (_, e) => instance.Write(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await instance.WaitForHealthAsync();
        return instance;
    }

    /// <summary>
    /// Stops the instance as systemd or <c>docker stop</c> does: SIGTERM, then ASP.NET Core's graceful shutdown (open
    /// requests and circuits' connections are closed, the process exits).
    /// </summary>
    public Task StopAsync() => TerminateAsync(process);

    /// <summary>Sends SIGTERM (.NET's Process.Kill sends SIGKILL) and waits for the process to exit.</summary>
    public static async Task TerminateAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await StopAsync();
        }
        process.Dispose();
        await log.DisposeAsync();
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private async Task WaitForHealthAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://{Address}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"The app instance {Name} did not become healthy (see artifacts/logs/{Name}.log).");
    }

    /// <summary>A port nobody listens on now (the app takes it a moment later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
