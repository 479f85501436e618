using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Import;

/// <summary><c>DxTracker.Web import FILE</c> run as a process against a test database.</summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private FreshDatabase database = null!;
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"dxt-import-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        database = await FreshDatabase.CreateAsync();
        Directory.CreateDirectory(directory);
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Importing_a_file_exits_0_with_a_Japanese_summary_and_again_with_no_change()
    {
        var file = Path.Combine(directory, "tokushima-r2-results.json");
        await File.WriteAllBytesAsync(file, ImportTestData.Tokushima);

        var (exitCode, output) = await RunAsync("import", file);

        Assert.True(exitCode == 0, output);
        Assert.Contains("徳島市「徳島市情報化基本計画」を新しく取り込みました（作成 ", output, StringComparison.Ordinal);
        Assert.Contains("取組項目: 作成 27件、更新 0件", output, StringComparison.Ordinal);
        // Its steps on the way, the items' last as 27 of 27.
        Assert.Contains("取り込み中: ファイルを読み取り、確認しています", output, StringComparison.Ordinal);
        Assert.Contains("取り込み中: 項目を反映しています（27 / 27 件）", output, StringComparison.Ordinal);
        Assert.Contains("取り込み中: データベースに保存しています", output, StringComparison.Ordinal);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(27, await db.ActionItems.CountAsync());
            Assert.Equal("system", (await db.AuditEntries.FirstAsync()).UserName);
        }

        var (again, secondOutput) = await RunAsync("import", file);

        Assert.True(again == 0, secondOutput);
        Assert.Contains("変更はありませんでした", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_problems_exits_1_listing_every_problem_and_writes_nothing()
    {
        var json = ImportTestData.TokushimaNode();
        json["fiscalYear"] = 2030;
        json["policies"]![0]!["items"]![1]!["number"] = 1;
        var file = Path.Combine(directory, "bad.json");
        await File.WriteAllBytesAsync(file, ImportTestData.Bytes(json));

        var (exitCode, output) = await RunAsync("import", file);

        Assert.Equal(1, exitCode);
        Assert.Contains("bad.json を取り込めませんでした（2件の問題）。データベースは変更していません。", output, StringComparison.Ordinal);
        Assert.Contains("$.fiscalYear: 実績の年度の令和12年度は計画期間（令和元年度～令和8年度）の外です。", output, StringComparison.Ordinal);
        Assert.Contains("$.policies[0].items[1].number: 項目番号「1」が2回以上あります", output, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Plans.CountAsync());
    }

    [Fact]
    public async Task A_missing_file_exits_2_with_a_message()
    {
        var (exitCode, output) = await RunAsync("import", Path.Combine(directory, "none.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("ファイルが見つかりません:", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var webDll = typeof(Program).Assembly.Location
            .Replace(Path.Combine("tests", "DxTracker.Tests"), Path.Combine("src", "DxTracker.Web"), StringComparison.Ordinal)
            .Replace(Path.Combine("tests", "DxTracker.EndToEnd"), Path.Combine("src", "DxTracker.Web"), StringComparison.Ordinal);
        var start = new ProcessStartInfo("dotnet", [webDll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
        };
        start.Environment["ConnectionStrings__DxTracker"] = database.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // The test database is migrated already (TestDatabase's template).
        start.Environment["Database__MigrateOnStartup"] = "true";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
