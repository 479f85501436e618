using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DxTracker.Benchmarks;

/// <summary>
/// Runs the benchmarks (scripts/bench.sh); arguments go to BenchmarkDotNet, e.g. --filter *PlanPage*. The first
/// argument <c>import</c> runs the import measurement instead (<see cref="Import.ImportScaling"/>); <c>plan-file N PATH</c>
/// writes the generated plan file of N items, and <c>import-once PATH</c> imports one file (for a profiler:
/// <c>dotnet-trace collect -- dotnet DxTracker.Benchmarks.dll import-once PATH</c>); <c>load RATES [USERS] [SECONDS]</c> runs
/// the HTTP load test with an open arrival model (<see cref="Load.OpenArrivalLoad"/>); <c>upload-read</c> measures the memory an
/// uploaded workbook's read takes (<see cref="Import.UploadedWorkbookMemory"/>).
/// </summary>
public static class BenchmarkEntry
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args.FirstOrDefault())
        {
            case "import":
                return Import.ImportScaling.RunAsync(args[1..]).GetAwaiter().GetResult();
            case "load":
                return Load.OpenArrivalLoad.RunAsync(args[1..]).GetAwaiter().GetResult();
            case "upload-read":
                return Import.UploadedWorkbookMemory.Run();
            case "upload-read-file":
                return Import.UploadedWorkbookMemory.ReadFile(args[1]);
            case "import-once":
                return Import.ImportScaling.ImportOnceAsync(args[1]).GetAwaiter().GetResult();
            case "report-size":
                // The size of the synthetic annual workbook (the download a reader gets), for docs/performance.md; report-size DIR also writes them.
                foreach (var items in new[] { 500, 5000 })
                {
                    var bytes = DxTracker.Web.Reporting.AnnualReportWorkbook.Build(DxTracker.Tests.Reporting.Models.SyntheticReportModel.Create(items, kpisPerItem: 3, years: 8)).ToArray();
                    Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{items} items: {bytes.Length:N0} bytes"));
                    if (args.Length > 1)
                    {
                        // A folder to write the workbooks to, to open them (LibreOffice: soffice --convert-to pdf).
                        File.WriteAllBytes(Path.Combine(args[1], $"synthetic-{items}.xlsx"), bytes);
                    }
                }
                return 0;
            case "report-alloc":
                // Where the synthetic annual workbook's allocations go: building the cells, then saving the package.
                foreach (var items in new[] { 500, 5000 })
                {
                    var model = DxTracker.Tests.Reporting.Models.SyntheticReportModel.Create(items, kpisPerItem: 3, years: 8);
                    for (var run = 0; run < 3; run++)
                    {
                        var start = GC.GetAllocatedBytesForCurrentThread();
                        var book = DxTracker.Web.Reporting.AnnualReportWorkbook.Build(model);
                        var built = GC.GetAllocatedBytesForCurrentThread();
                        var bytes = book.ToArray().Length;
                        var saved = GC.GetAllocatedBytesForCurrentThread();
                        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"{items} items, run {run + 1}: build {(built - start) / 1048576.0:F1} MB, save {(saved - built) / 1048576.0:F1} MB, file {bytes:N0} bytes"));
                    }
                }
                return 0;
            case "plan-file":
                return Import.ImportScaling.WriteFile(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
        }
        // In-process: the app is hosted by WebApplicationFactory inside this process, which a generated child
        // project could not do. Short job: 3 warm-up and 10 measured iterations are enough for page timings.
        var config = DefaultConfig.Instance
            .AddJob(Job.Default
                .WithWarmupCount(3)
                .WithIterationCount(10)
                .WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args, config);
        BenchApp.DisposeSharedAsync().GetAwaiter().GetResult();
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
