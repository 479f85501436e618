using DxTracker.Web.Data;
using Npgsql;

namespace DxTracker.Web.Features.Import;

/// <summary>
/// <c>dotnet run --project src/DxTracker.Web -- import FILE</c>: imports a plan file into the configured
/// database and exits 0 with a summary, or 1 with every problem (nothing written), 2 when the file cannot be
/// read, 3 when the database cannot be reached.
/// </summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(WebApplication app, string path)
    {
        byte[] content;
        try
        {
            var info = Locate(path);
            if (!info.Exists)
            {
                await Console.Error.WriteLineAsync($"ファイルが見つかりません: {info.FullName}（絶対パスで指定すると確実です）");
                return 2;
            }
            var maxFileBytes = app.Services.GetRequiredService<ImportLimits>().MaxFileBytes;
            if (info.Length > maxFileBytes)
            {
                await Console.Error.WriteLineAsync(UploadSize.TooLarge(info.Length, maxFileBytes));
                return 2;
            }
            content = await File.ReadAllBytesAsync(info.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"ファイルを読み込めません: {path}（{e.Message}）");
            return 2;
        }

        try
        {
            await DatabaseStartup.MigrateIfConfiguredAsync(app);
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<PlanImporter>().ImportAsync(content, new StepsOnStandardError());
            if (result.Summary is { } summary)
            {
                await Console.Out.WriteLineAsync(summary.ToString());
                return 0;
            }
            await Console.Error.WriteLineAsync($"{Path.GetFileName(path)} を取り込めませんでした（{result.Problems.Count}件の問題）。データベースは変更していません。");
            foreach (var problem in result.Problems)
            {
                await Console.Error.WriteLineAsync($"  {problem.Path}: {problem.Message}");
            }
            return 1;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"データベースに接続できません: {e.Message}");
            return 3;
        }
    }

    /// <summary>
    /// The file as given; a relative path that is not found is also tried from the shell's directory ($PWD),
    /// because <c>dotnet run --project</c> starts the app in the project's directory.
    /// </summary>
    private static FileInfo Locate(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists && !Path.IsPathRooted(path) && Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shellDirectory)
        {
            var fromShell = new FileInfo(Path.Combine(shellDirectory, path));
            if (fromShell.Exists)
            {
                return fromShell;
            }
        }
        return info;
    }

    /// <summary>Each step of the import as a line on standard error (standard output keeps the summary alone).</summary>
    private sealed class StepsOnStandardError : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => Console.Error.WriteLine("取り込み中: " + value.Text);
    }
}
