using BenchmarkDotNet.Attributes;
using DxTracker.Tests.Reporting.Models;
using DxTracker.Web.Reporting;

namespace DxTracker.Benchmarks;

/// <summary>The published Tokushima report: 27 items, 15 KPIs (target: under 50 ms).</summary>
public class TokushimaReportBenchmarks
{
    private AnnualReportModel model = null!;

    [GlobalSetup]
    public void Setup() => model = TokushimaReportModel.Load();

    [Benchmark]
    public int TokushimaWorkbook() => AnnualReportWorkbook.Build(model).ToArray().Length;
}

/// <summary>
/// A made-up plan with 3 KPIs per item and 8 years of values (target at 500 items: under 1 s and 200 MB
/// allocated); 125, 250, 500 and 5,000 items show how time and memory grow (issue 16: 5,000 in under 800 ms and 200 MB).
/// </summary>
public class SyntheticReportBenchmarks
{
    private AnnualReportModel model = null!;

    [Params(125, 250, 500, 5000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup() => model = SyntheticReportModel.Create(Items, kpisPerItem: 3, years: 8);

    [Benchmark]
    public int SyntheticWorkbook() => AnnualReportWorkbook.Build(model).ToArray().Length;
}
