using System.Diagnostics;
using System.Globalization;
using System.Net;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Benchmarks.Load;

/// <summary>
/// The deadline-week load over HTTP with an open arrival model (issue 16): the built app in a process of its own on
/// 127.0.0.1 (Demo environment, production pipeline and request log), a generated 500-item, 8-year plan, one editor
/// account per simulated user, each signed in with a session and a connection of its own. Every user waits a random
/// think time (exponential, mean users ÷ rate, the first wait too, so that nobody starts in step), then asks for one
/// page as a browser does when it opens it: its entry form (40%), the start page (30%), the plan page (20%), the year's
/// summary from the JSON API (10%); the pages come back prerendered, the circuit a browser would then open is not
/// simulated (the circuit load test does that). Together the users are a Poisson stream at the rate; a user waits for
/// its answer before its next think time, so a server that falls behind slows its users down, which shows as an
/// achieved rate below the offered one. Each rate runs a warm-up, then a measured window: latency from send to the
/// last byte, p50/p95/p99, errors (any answer but 200, or no answer), the most requests in flight, and the CPU time
/// of the app process, of all PostgreSQL processes and of this generator in the window.
/// <c>dotnet DxTracker.Benchmarks.dll load 50,100,200,300 [users] [seconds]</c>, or <c>scripts/bench.sh load …</c>.
/// </summary>
internal static class OpenArrivalLoad
{
    private const string Password = "deadline-week-load-2027";
    private const int Port = 5391;
    private const string AppSettingPrefix = "DXTRACKER_LOAD_APP_";
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var rates = args[0].Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList();
        var userCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var window = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30);

        Console.WriteLine($"// preparing: a 500-item plan and {userCount} editors");
        var connectionString = await BenchApp.RecreateDatabaseAsync(BenchApp.AdminConnectionString(), "dxtracker_load");
        var users = await PrepareAsync(connectionString, userCount);
        using var app = StartApp(connectionString);
        try
        {
            var baseAddress = new Uri($"http://127.0.0.1:{Port}");
            await WaitForHealthAsync(baseAddress);
            Console.WriteLine($"// signing in {users.Count} users, each with its own session and connection");
            var clients = await SignInAllAsync(baseAddress, users);
            // A fresh process compiles as it goes (tiered JIT, the components' first renders): a pass at the first rate
            // that is not counted, so that the figures are the steady state a server running for days shows.
            Console.WriteLine("// warm-up, not counted: " + await RunRateAsync(app, clients, users, rates[0], TimeSpan.FromSeconds(20)));
            Console.WriteLine("| offered req/s | achieved req/s | requests | p50 | p95 | p99 | max | errors | most in flight | app CPU ms/req | PostgreSQL CPU ms/req | generator CPU ms/req | machine CPU used |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var rate in rates)
            {
                var result = await RunRateAsync(app, clients, users, rate, window);
                Console.WriteLine(result);
            }
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
        return 0;
    }

    private sealed record LoadUser(string UserName, int PlanId, int ItemId, int Year);

    private static async Task<string> RunRateAsync(Process app, List<HttpClient> clients, List<LoadUser> users, double rate, TimeSpan window)
    {
        var meanThink = clients.Count / rate;
        var latencies = new List<(int Kind, double Ms)>[clients.Count];
        var errors = new int[clients.Count];
        var inFlight = 0;
        var mostInFlight = 0;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(window.TotalSeconds * Stopwatch.Frequency);
        CpuSample? before = null;
        var sampler = Task.Run(async () =>
        {
            await Task.Delay(Warmup);
            before = CpuSample.Take(app);
        });

        var loops = Enumerable.Range(0, clients.Count).Select(u => Task.Run(async () =>
        {
            var random = new Random(u * 7919 + (int)rate);
            var user = users[u];
            latencies[u] = [];
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(-meanThink * Math.Log(1 - random.NextDouble())));
                var sent = Stopwatch.GetTimestamp();
                if (sent >= measureTo)
                {
                    return;
                }
                var kind = random.Next(10) switch { < 4 => 0, < 7 => 1, < 9 => 2, _ => 3 };
                var url = kind switch
                {
                    0 => $"/plans/{user.PlanId}/items/{user.ItemId}/years/{user.Year}/entry",
                    1 => "/",
                    2 => $"/plans/{user.PlanId}",
                    _ => $"/api/plans/{user.PlanId}/years/{user.Year}/summary",
                };
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref mostInFlight, sent >= measureFrom ? now : 0);
                var ok = false;
                try
                {
                    using var response = await clients[u].GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
                if (sent >= measureFrom)
                {
                    latencies[u].Add((kind, Stopwatch.GetElapsedTime(sent).TotalMilliseconds));
                    errors[u] += ok ? 0 : 1;
                }
            }
        })).ToList();
        await sampler;
        await Task.Delay(Stopwatch.GetElapsedTime(start, measureTo));
        var after = CpuSample.Take(app);
        await Task.WhenAll(loops);

        var all = latencies.SelectMany(l => l).Select(l => l.Ms).Order().ToList();
        var byKind = string.Join("; ", latencies.SelectMany(l => l).GroupBy(l => l.Kind).OrderBy(g => g.Key).Select(g =>
        {
            var sorted = g.Select(l => l.Ms).Order().ToList();
            return string.Create(CultureInfo.InvariantCulture, $"{Kinds[g.Key]} {sorted.Count} p50 {Percentile(sorted, 0.5):0.0} p95 {Percentile(sorted, 0.95):0.0} ms");
        }));
        Console.WriteLine("// " + byKind);
        var count = all.Count;
        var cpu = after - before!;
        string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        string PerRequest(TimeSpan time) => (time.TotalMilliseconds / Math.Max(1, count)).ToString("0.00", CultureInfo.InvariantCulture);
        var used = (cpu.App + cpu.Database + cpu.Generator).TotalSeconds / (window.TotalSeconds * Environment.ProcessorCount);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {rate:0} | {count / window.TotalSeconds:0.0} | {count:N0} | {Ms(Percentile(all, 0.50))} | {Ms(Percentile(all, 0.95))} | {Ms(Percentile(all, 0.99))} | {Ms(all.LastOrDefault())} | {errors.Sum()} | {mostInFlight} | {PerRequest(cpu.App)} | {PerRequest(cpu.Database)} | {PerRequest(cpu.Generator)} | {used:P0} |");
    }

    private static readonly string[] Kinds = ["entry form", "start page", "plan page", "API summary"];

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    /// <summary>The plan and one editor per active item of the open year (its lead department), as the circuit load test prepares them.</summary>
    private static async Task<List<LoadUser>> PrepareAsync(string connectionString, int count)
    {
        GeneratedPlan plan;
        List<(int ItemId, int DepartmentId)> targets;
        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString, DxTracker.Web.Infrastructure.ServiceRegistration.ConfigureNpgsql).Options))
        {
            await db.Database.MigrateAsync();
            plan = await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = 500, Municipality = "負荷試験市" });
            var year = plan.LastYear;
            targets = (await db.ItemDepartments.AsNoTracking()
                .Where(l => l.Role == DepartmentRole.Lead)
                .Join(db.ActionItems.Where(i => i.PlanId == plan.PlanId).Where(ActionItem.ActiveIn(year)), l => l.ItemId, i => i.Id, (l, i) => new { i.Id, l.DepartmentId, i.SortOrder })
                .OrderBy(x => x.SortOrder)
                .Take(count)
                .ToListAsync()).Select(x => (x.Id, x.DepartmentId)).ToList();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        if (targets.Count < count)
        {
            throw new InvalidOperationException($"The plan has {targets.Count} active items in its open year; ask for at most that many users.");
        }

        // The accounts through the app's own Identity services (in process, for the set-up only), one password hash for all.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DXTRACKER_WEB", Path.Combine(BenchApp.RepoRoot(), "src", "DxTracker.Web"));
        await using var factory = new BenchApp.Factory(connectionString);
        await using var scope = factory.Services.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var hash = userManager.PasswordHasher.HashPassword(new ApplicationUser(), Password);
        var users = new List<LoadUser>();
        for (var i = 0; i < targets.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"load{i + 1:000}");
            var user = new ApplicationUser { UserName = name, DisplayName = $"負荷 {i + 1}", PasswordHash = hash };
            user.Departments.Add(new UserDepartment { DepartmentId = targets[i].DepartmentId });
            Check(await userManager.CreateAsync(user));
            Check(await userManager.AddToRoleAsync(user, Roles.Editor));
            users.Add(new LoadUser(name, plan.PlanId, targets[i].ItemId, plan.LastYear));
        }
        return users;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>The web project's Release build (the benchmarks' build makes it) as an operator runs it.</summary>
    private static Process StartApp(string connectionString)
    {
        var web = Path.Combine(BenchApp.RepoRoot(), "src", "DxTracker.Web", "bin", "Release", "net10.0", "DxTracker.Web.dll");
        if (!File.Exists(web))
        {
            throw new InvalidOperationException($"{web} is missing: dotnet build tests/DxTracker.Benchmarks -c Release builds it.");
        }
        var start = new ProcessStartInfo("dotnet", [web])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Demo";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        start.Environment["ConnectionStrings__DxTracker"] = connectionString;
        start.Environment["Database__MigrateOnStartup"] = "false";
        start.Environment["DxTracker__DemoData"] = "false";
        // Every simulated user signs in from 127.0.0.1 within a minute.
        start.Environment["Authentication__SignInPostsPerMinute"] = "100000";
        // Runtime settings to compare (DXTRACKER_LOAD_APP_DOTNET_gcServer=0 gives the app DOTNET_gcServer=0), and for a
        // CPU profile under load (perf record -p PID) DOTNET_PerfMapEnabled=1 with DOTNET_EnableWriteXorExecute=0.
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value)).Where(e => e.Item1.StartsWith(AppSettingPrefix, StringComparison.Ordinal)))
        {
            start.Environment[name[AppSettingPrefix.Length..]] = value;
        }
        var process = Process.Start(start)!;
        // The request log goes to the console as in production; read and dropped, so that the pipe never fills.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("app: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException("The app did not become healthy within a minute.");
    }

    private static async Task<List<HttpClient>> SignInAllAsync(Uri baseAddress, List<LoadUser> users)
    {
        var clients = new HttpClient[users.Count];
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(users.Select(async (user, i) =>
        {
            await gate.WaitAsync();
            try
            {
                // One connection per user, as one browser tab keeps one; its own cookies, so its own session.
                var client = new HttpClient(new SocketsHttpHandler
                {
                    CookieContainer = new CookieContainer(),
                    UseCookies = true,
                    AllowAutoRedirect = false,
                    MaxConnectionsPerServer = 1,
                    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
                })
                { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
                var page = await client.GetStringAsync("/account/login");
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["_handler"] = "login",
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(BenchApp.TokenPattern().Match(page).Groups[1].Value),
                    ["Input.UserName"] = user.UserName,
                    ["Input.Password"] = Password,
                });
                using var response = await client.PostAsync("/account/login", form);
                if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location
                    || (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString) != "/")
                {
                    throw new InvalidOperationException($"{user.UserName} could not sign in: {(int)response.StatusCode} {response.Headers.Location}");
                }
                clients[i] = client;
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. clients];
    }

    /// <summary>CPU time used so far by the app process, by all PostgreSQL processes (from /proc) and by this process.</summary>
    private sealed record CpuSample(TimeSpan App, TimeSpan Database, TimeSpan Generator)
    {
        private const double ClockTicksPerSecond = 100; // Linux USER_HZ

        public static CpuSample Take(Process app)
        {
            app.Refresh();
            var database = 0L;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var close = stat.LastIndexOf(')');
                    if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    var fields = stat[(close + 2)..].Split(' ');
                    database += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
            return new CpuSample(app.TotalProcessorTime, TimeSpan.FromSeconds(database / ClockTicksPerSecond), Process.GetCurrentProcess().TotalProcessorTime);
        }

        public static CpuSample operator -(CpuSample after, CpuSample before) =>
            new(after.App - before.App, after.Database - before.Database, after.Generator - before.Generator);
    }
}
