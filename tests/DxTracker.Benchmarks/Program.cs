using BenchmarkDotNet.Running;

namespace DxTracker.Benchmarks;

/// <summary>dotnet run -c Release --project tests/DxTracker.Benchmarks -- --filter '*Report*'</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
