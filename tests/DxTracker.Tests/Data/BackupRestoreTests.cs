using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DxTracker.Tests.Infrastructure;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Data.Seed;
using Npgsql;

namespace DxTracker.Tests.Data;

/// <summary>
/// Issue 12, backup and restore: scripts/backup.sh of a database in use, scripts/restore.sh into an empty PostgreSQL
/// cluster of its own, every table compared row for row, and the app signs in against the restored copy.
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_backup_restored_into_an_empty_cluster_holds_every_row_and_the_app_works_on_it()
    {
        var source = await TestDatabase.CreateAsync();
        await using (var app = new DxWebApplicationFactory(source) { DemoScenario = true })
        {
            // In use while it is backed up: a session and a security event exist.
            await FormPost.SignInAsync(app.CreateBrowserLikeClient(), "reviewer", DemoData.Password);
        }
        var file = Path.Combine(Path.GetTempPath(), $"dxtracker-{Guid.NewGuid():N}.dump");
        var port = FreePort();
        var cluster = $"restore-test-{port}";
        try
        {
            var (backupExit, backupLog) = await ScriptAsync($"scripts/backup.sh {file}", ("DXTRACKER_BACKUP_DB", LibPq(source)));
            Assert.True(backupExit == 0, backupLog);
            Assert.Contains("バックアップを作成しました", backupLog, StringComparison.Ordinal);

            var (startExit, started) = await ScriptAsync($"source scripts/lib.sh; dx_pg_start {cluster} {port}; echo \"PASSWORD=$DX_PG_PASSWORD\"");
            Assert.True(startExit == 0, started);
            var password = System.Text.RegularExpressions.Regex.Match(started, "PASSWORD=(\\S+)").Groups[1].Value;
            var restored = $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=dxtracker_restored";
            var (restoreExit, restoreLog) = await ScriptAsync($"scripts/restore.sh {file}", ("DXTRACKER_RESTORE_DB", LibPq(restored)));
            Assert.True(restoreExit == 0, restoreLog);

            var tables = await ListAsync(source, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
            Assert.Equal(tables, await ListAsync(restored, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"));
            foreach (var table in tables)
            {
                Assert.Equal(await FingerprintAsync(source, table), await FingerprintAsync(restored, table));
            }
            foreach (var table in new[] { "Plans", "Evaluations", "EvaluationParts", "AuditEntries", "AspNetUsers", "UserSessions" })
            {
                Assert.True((await FingerprintAsync(restored, table)).Rows > 0, $"{table} is empty: the comparison would prove nothing");
            }
            // The key sequences go on where they were, so that new rows never collide with restored ones.
            const string Sequences = "SELECT sequencename || '=' || coalesce(last_value, 0) FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1";
            Assert.Equal(await ListAsync(source, Sequences), await ListAsync(restored, Sequences));

            // A second restore into the same (now full) database is refused and changes nothing.
            var (againExit, againLog) = await ScriptAsync($"scripts/restore.sh {file}", ("DXTRACKER_RESTORE_DB", LibPq(restored)));
            Assert.NotEqual(0, againExit);
            Assert.Contains("既にテーブルがあります", againLog, StringComparison.Ordinal);

            await using var restoredApp = new DxWebApplicationFactory(restored) { LoadDemoData = false };
            var client = restoredApp.CreateBrowserLikeClient();
            Assert.Equal("/", FormPost.RedirectTarget(await FormPost.SignInAsync(client, "reviewer", DemoData.Password)));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
        finally
        {
            File.Delete(file);
            await ScriptAsync($"source scripts/lib.sh; dx_pg_destroy {cluster}");
            await TestDatabase.DropAsync(source);
        }
    }

    private static async Task<List<string>> ListAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    /// <summary>The number of rows and a hash of all of them, in a fixed order.</summary>
    private static async Task<(long Rows, string Hash)> FingerprintAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static string LibPq(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={builder.Host} port={builder.Port} dbname={builder.Database} user={builder.Username} password={builder.Password}";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Exit, string Output)> ScriptAsync(string command, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TokushimaReportModel.RepoRoot(),
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
