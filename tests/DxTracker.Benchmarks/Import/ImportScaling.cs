using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DxTracker.Tests.Import;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Auditing;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DxTracker.Benchmarks.Import;

/// <summary>
/// How the plan import grows with the file (issue 16, finding 1): <c>scripts/bench.sh import [100,500,2000,5000]</c>.
/// Every size is imported by a process of its own into a fresh database, as the app imports (audited, one
/// transaction), so that the process's peak resident memory (Linux VmHWM, reset just before the import) belongs to
/// that import alone. Each child prints one result line; the parent prints them as a Markdown table.
/// Not BenchmarkDotNet: one import of 5,000 items takes long enough that a single measured run per size is the figure,
/// and BenchmarkDotNet cannot read a process's peak memory.
/// </summary>
internal static partial class ImportScaling
{
    private const string DatabaseName = "dxtracker_bench_import";
    private const string ResultPrefix = "IMPORT-RESULT ";

    public static async Task<int> RunAsync(string[] sizes)
    {
        var counts = (sizes.Length == 0 ? "100,500,2000,5000" : string.Join(",", sizes))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var directory = Directory.CreateTempSubdirectory("dxtracker-import-");
        var rows = new List<Measured>();
        try
        {
            foreach (var items in counts)
            {
                var path = Path.Combine(directory.FullName, $"plan-{items}.json");
                GeneratedFile file;
                await using (var stream = File.Create(path))
                {
                    file = PlanFileGenerator.Write(stream, items);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {items} items: {file.Bytes / 1024.0 / 1024.0:F1} MB, {file.KpiValues:N0} KPI values, {file.Parts:N0} department parts; importing in a process of its own"));
                var measured = await RunChildAsync(file, path);
                rows.Add(measured);
                Console.WriteLine("// " + JsonSerializer.Serialize(measured));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("| items | file | KPI values | parts | outcome | wall | app CPU | peak RSS (before) | audit rows | SQL statements / round trips |");
        Console.WriteLine("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Items:N0} | {r.FileMegabytes:F1} MB | {r.KpiValues:N0} | {r.Parts:N0} | {r.Outcome} | {r.WallSeconds:F1} s | {r.CpuSeconds:F1} s | {r.PeakMegabytes:N0} MB ({r.BaselineMegabytes:N0} MB) | {r.AuditRows:N0} | {r.Statements:N0} / {r.RoundTrips:N0} |"));
        }
        return rows.All(r => r.Outcome == "imported") ? 0 : 1;
    }

    public static int WriteFile(int items, string path)
    {
        using var stream = File.Create(path);
        var file = PlanFileGenerator.Write(stream, items);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {items} items, {file.Bytes / 1024.0 / 1024.0:F1} MB, {file.KpiValues:N0} KPI values, {file.Parts:N0} department parts"));
        return 0;
    }

    private static async Task<Measured> RunChildAsync(GeneratedFile file, string path)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath!).StartsWith("DxTracker", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(ImportScaling).Assembly.Location); // run through the dotnet host
        }
        foreach (var argument in new[] { "import-once", path })
        {
            start.ArgumentList.Add(argument);
        }
        using var child = Process.Start(BenchApp.AsTheAppRuns(start))!;
        string? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = line[ResultPrefix.Length..];
            }
            else
            {
                Console.WriteLine(line);
            }
        }
        await child.WaitForExitAsync();
        var once = result is null ? throw new InvalidOperationException($"The import of {file.Items} items ended ({child.ExitCode}) without a result.") : JsonSerializer.Deserialize<Once>(result)!;
        return new Measured(file.Items, file.Bytes / 1024.0 / 1024.0, file.KpiValues, file.Parts, once.Outcome, once.WallSeconds, once.CpuSeconds,
            once.PeakMegabytes, once.BaselineMegabytes, once.AuditRows, once.Statements, once.RoundTrips);
    }

    /// <summary>The child: one import of one file into a fresh database.</summary>
    public static async Task<int> ImportOnceAsync(string path)
    {
        var connectionString = await BenchApp.RecreateDatabaseAsync(BenchApp.AdminConnectionString(), DatabaseName);
        await using (var plain = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString, ServiceRegistration.ConfigureNpgsql).Options))
        {
            await plain.Database.MigrateAsync();
        }
        var content = await File.ReadAllBytesAsync(path);
        var statements = new StatementCounter();
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString, ServiceRegistration.ConfigureNpgsql)
            .AddInterceptors(new AuditInterceptor(new Importer(), TimeProvider.System), statements).Options;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = Status("VmRSS");
        File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM to the current resident size
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        ImportResult result;
        await using (var db = new AppDbContext(options))
        {
            result = await new PlanImporter(db, TimeProvider.System).ImportAsync(content);
        }
        clock.Stop();
        process.Refresh();
        var once = new Once(
            result.Succeeded ? "imported" : $"refused: {result.Problems[0].Message}",
            clock.Elapsed.TotalSeconds,
            (process.TotalProcessorTime - cpu).TotalSeconds,
            Status("VmHWM") / 1024.0,
            baseline / 1024.0,
            await CountAuditRowsAsync(connectionString),
            statements.Statements,
            statements.RoundTrips);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(once));
        return 0;
    }

    private static async Task<long> CountAuditRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"AuditEntries\"", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A line of /proc/self/status in kB.</summary>
    private static long Status(string key)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return long.Parse(StatusValue().Match(line).Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex StatusValue();

    private sealed record Once(string Outcome, double WallSeconds, double CpuSeconds, double PeakMegabytes, double BaselineMegabytes, long AuditRows, long Statements, long RoundTrips);

    private sealed record Measured(int Items, double FileMegabytes, int KpiValues, int Parts, string Outcome, double WallSeconds, double CpuSeconds,
        double PeakMegabytes, double BaselineMegabytes, long AuditRows, long Statements, long RoundTrips);

    private sealed class Importer : ICurrentActor
    {
        public string? UserId => null;

        public string UserName => "importer";
    }

    /// <summary>Counts round trips and the SQL statements in them (EF sends a batch of statements in one command).</summary>
    private sealed class StatementCounter : DbCommandInterceptor
    {
        public long Statements { get; private set; }

        public long RoundTrips { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return ValueTask.FromResult(result);
        }

        private void Count(DbCommand command)
        {
            RoundTrips++;
            Statements += Math.Max(1, command.CommandText.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Count(s => s.Length > 0));
        }
    }
}
