namespace DxTracker.Tests.Infrastructure;

/// <summary>
/// A measurement, run on demand with <c>DXTRACKER_MEASURE=1</c> (docs/performance.md), not in every test run: its
/// outcome depends on the machine's load (the same rule as the end-to-end project's measurements).
/// </summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DXTRACKER_MEASURE") != "1")
        {
            Skip = "a measurement: run with DXTRACKER_MEASURE=1 (docs/performance.md)";
        }
    }
}
