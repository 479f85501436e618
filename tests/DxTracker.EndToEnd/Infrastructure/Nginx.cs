using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>
/// Debian's nginx as the reverse proxy in front of several app instances, run by the test user with a configuration and
/// temporary files of its own in a temporary folder, on a free port of 127.0.0.1; its logs go to
/// artifacts/logs/nginx-*.log (the access log names the instance that answered each request). The configuration is the
/// one docs/operations.md gives, less TLS, plus what a test needs to see (which instance answered).
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    /// <summary>
    /// The address nginx connects to the instances from. Not the browser's 127.0.0.1: the instances believe the forwarded
    /// headers from this address only (ReverseProxy:KnownProxies), so the client address they record shows whether
    /// X-Forwarded-For reached them.
    /// </summary>
    public const string ProxyAddress = "127.0.0.2";

    /// <summary>The response header that names the instance(s) nginx passed the request to, the last one answering.</summary>
    public const string UpstreamHeader = "X-Upstream";

    private static readonly string ErrorLog = Pages.ArtifactPath("logs", "nginx-error.log");
    private static readonly string AccessLog = Pages.ArtifactPath("logs", "nginx-access.log");

    private readonly Process process;
    private readonly DirectoryInfo folder;

    private Nginx(Process process, DirectoryInfo folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Address { get; }

    public static async Task<Nginx> StartAsync(IEnumerable<string> upstreams)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"nginx not found at {Executable}: the failover test needs Debian's nginx package (scripts/test.sh installs it: apt-get install nginx).");
        }
        File.Delete(ErrorLog);
        File.Delete(AccessLog);
        var folder = Directory.CreateTempSubdirectory("dxtracker-nginx-");
        var port = AppInstance.FreePort();
        var config = Path.Combine(folder.FullName, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(folder.FullName, port, upstreams));
        var start = new ProcessStartInfo(Executable, ["-p", folder.FullName, "-c", config, "-e", ErrorLog, "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var nginx = new Nginx(process, folder, port);
        await nginx.WaitUntilListeningAsync(port);
        return nginx;
    }

    /// <summary>
    /// Sticky by a cookie of nginx's own (<c>dx_route</c>, a random value set on the first response): a tab's page, its
    /// circuit's WebSocket (or long polling) and its reloads reach the same instance, and users spread over the instances
    /// even when they all come from one address (an office behind one NAT or proxy; here every browser is 127.0.0.1,
    /// where ip_hash would send every user to one instance). When that instance does not answer, or answers 503 because it
    /// is stopping (StoppingInstanceGate: nothing was done, so a post may go on too), the request goes to the next
    /// (proxy_next_upstream), and the instance is left out for fail_timeout.
    /// </summary>
    private static string Configuration(string folder, int port, IEnumerable<string> upstreams)
    {
        var servers = string.Concat(upstreams.Select(u => $"        server {u} max_fails=1 fail_timeout=10s;\n"));
        // Run as root (a CI container), nginx would hand its worker to 'nobody', who cannot enter the temporary folder.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {{user}}worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{ErrorLog}} info;
            events { worker_connections 256; }
            http {
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                log_format upstreamed '$remote_addr "$request" $status upstream=$upstream_addr route=$dx_route';
                access_log {{AccessLog}} upstreamed;

                map $http_upgrade $connection_upgrade { default upgrade; "" close; }
                map $cookie_dx_route $dx_route { "" $request_id; default $cookie_dx_route; }
                map $cookie_dx_route $dx_route_cookie { "" "dx_route=$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }

                upstream dxtracker {
                    hash $dx_route consistent;
            {{servers}}    }

                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://dxtracker;
                        proxy_bind {{ProxyAddress}};
                        proxy_next_upstream error timeout http_503 non_idempotent;
                        proxy_connect_timeout 5s;
                        proxy_http_version 1.1;
                        # $http_host: the port is not the default one here, and links and redirects must keep it.
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_read_timeout 3600s;
                        add_header Set-Cookie $dx_route_cookie always;
                        add_header {{UpstreamHeader}} $upstream_addr always;
                    }
                }
            }
            """);
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"nginx did not start (see {ErrorLog}): {await process.StandardError.ReadToEndAsync()}", e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM: the master stops its workers (SIGKILL would leave them behind).
            await AppInstance.TerminateAsync(process);
        }
        process.Dispose();
        folder.Delete(recursive: true);
    }
}
