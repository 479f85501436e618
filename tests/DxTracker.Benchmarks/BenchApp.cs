using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Domain.Plans;
using Microsoft.AspNetCore.Hosting;
using DxTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DxTracker.Benchmarks;

/// <summary>
/// The real app in-process (TestServer) over a PostgreSQL database "dxtracker_bench" that is recreated, migrated
/// and filled with a generated plan on every run. The server is DXTRACKER_BENCH_PG (or DXTRACKER_TEST_PG): a
/// superuser connection string, as scripts/bench.sh sets it.
/// </summary>
internal sealed partial class BenchApp : IAsyncDisposable
{
    private const string DatabaseName = "dxtracker_bench";

    private readonly Factory factory;

    private BenchApp(Factory factory, HttpClient client, GeneratedPlan plan, int heaviestItemId, string connectionString)
    {
        this.factory = factory;
        Client = client;
        Plan = plan;
        HeaviestItemId = heaviestItemId;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>Every SQL command the app sends while <see cref="QueryCounter.Recording"/> is on (off by default).</summary>
    public QueryCounter Queries => factory.Queries;

    public HttpClient Client { get; }

    public GeneratedPlan Plan { get; }

    /// <summary>An active item with the most departments: every year evaluated, a part per department.</summary>
    public int HeaviestItemId { get; }

    private static BenchApp? shared;

    private static readonly Dictionary<int, BenchApp> WithOtherPlans = [];

    /// <summary>
    /// One app and database for every benchmark of the run: BenchmarkDotNet calls each benchmark's global setup
    /// in the same process, and regenerating the plan (and dropping a database under open connections) each time
    /// would only cost time.
    /// </summary>
    public static BenchApp Shared(int items) => shared ??= StartAsync(items).GetAwaiter().GetResult();

    /// <summary>
    /// The measured plan (500 items, 8 years) in a database of <paramref name="plans"/> such plans in all — the others
    /// generated with other seeds for other municipalities — one app and database per count for the whole run.
    /// </summary>
    public static BenchApp AmongPlans(int plans)
    {
        if (!WithOtherPlans.TryGetValue(plans, out var app))
        {
            app = StartAsync(500, plans - 1, string.Create(CultureInfo.InvariantCulture, $"{DatabaseName}_{plans}_plans")).GetAwaiter().GetResult();
            WithOtherPlans[plans] = app;
        }
        return app;
    }

    public static async Task DisposeSharedAsync()
    {
        if (shared is not null)
        {
            await shared.DisposeAsync();
            shared = null;
        }
        foreach (var app in WithOtherPlans.Values)
        {
            await app.DisposeAsync();
        }
        WithOtherPlans.Clear();
    }

    public static async Task<BenchApp> StartAsync(int items, int otherPlans = 0, string database = DatabaseName)
    {
        var connectionString = await RecreateDatabaseAsync(AdminConnectionString(), database);

        GeneratedPlan plan;
        int heaviest;
        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString, DxTracker.Web.Infrastructure.ServiceRegistration.ConfigureNpgsql).Options))
        {
            await db.Database.MigrateAsync();
            plan = await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions { Items = items, Municipality = "ベンチ市" });
            for (var other = 1; other <= otherPlans; other++)
            {
                db.ChangeTracker.Clear();
                await PlanGenerator.GenerateAsync(db, new PlanGeneratorOptions
                {
                    Items = items,
                    Seed = 1 + other,
                    Municipality = string.Create(CultureInfo.InvariantCulture, $"ほかの市{other}"),
                });
            }
            db.ChangeTracker.Clear();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            var planId = plan.PlanId;
            heaviest = await db.ActionItems
                .Where(i => i.PlanId == planId && i.Status == ItemStatus.Active)
                .OrderByDescending(i => i.Departments.Count).ThenBy(i => i.SortOrder)
                .Select(i => i.Id)
                .FirstAsync();
        }

        // The host looks for the web project's content root beside the solution file; point it there.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DXTRACKER_WEB", Path.Combine(RepoRoot(), "src", "DxTracker.Web"));
        var factory = new Factory(connectionString);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(client);
        return new BenchApp(factory, client, plan, heaviest, connectionString);
    }

    /// <summary>GETs a page and fails loudly unless it is a 200, so that a benchmark never times an error page.</summary>
    public async Task<string> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }

    /// <summary>
    /// A measured child process runs as the app does, with the server GC (the web SDK's default; a console child would
    /// get the workstation GC, whose peak is lower), unless DOTNET_gcServer is set (0 for the comparison).
    /// </summary>
    internal static ProcessStartInfo AsTheAppRuns(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
        {
            start.Environment["DOTNET_gcServer"] = "1";
        }
        return start;
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DxTracker.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (DxTracker.sln) not found.");
    }

    /// <summary>The superuser connection string of DXTRACKER_BENCH_PG (or DXTRACKER_TEST_PG).</summary>
    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable("DXTRACKER_BENCH_PG") is { Length: > 0 } bench
            ? bench
            : Environment.GetEnvironmentVariable("DXTRACKER_TEST_PG") is { Length: > 0 } test
                ? test
                : throw new InvalidOperationException("Set DXTRACKER_BENCH_PG (or DXTRACKER_TEST_PG) to a PostgreSQL superuser connection string, or run scripts/bench.sh.");

    /// <summary>Drops and creates <paramref name="database"/>; its connection string.</summary>
    public static async Task<string> RecreateDatabaseAsync(string admin, string database)
    {
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection))
            {
                await drop.ExecuteNonQueryAsync();
            }
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = true }.ConnectionString;
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "viewer",
            ["Input.Password"] = DemoData.Password,
        });
        using var response = await client.PostAsync("/account/login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed with {(int)response.StatusCode}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex TokenPattern();

    /// <summary>
    /// Production's pipeline and settings (the "Demo" environment: not Development, and allowed the demo accounts that
    /// Production refuses since 2 December 2026) except for the request log, whose console output would be timed.
    /// </summary>
    internal sealed class Factory(string connectionString) : WebApplicationFactory<Program>
    {
        public QueryCounter Queries { get; } = new() { Recording = false };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureTestServices(services =>
                services.ConfigureDbContext<AppDbContext>((_, options) => options.AddInterceptors(Queries)));
            builder.UseEnvironment("Demo");
            builder.UseSetting("ConnectionStrings:DxTracker", connectionString);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("DxTracker:DemoData", "true");
            builder.UseSetting("Serilog:MinimumLevel", "Warning");
        }
    }
}
