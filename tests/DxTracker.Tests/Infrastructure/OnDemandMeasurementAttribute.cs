namespace DxTracker.Tests.Infrastructure;

/// <summary>
/// A measurement, run on demand with <c>DXTRACKER_MEASURE=1</c> (docs/performance.md), not in every test run: its
/// outcome depends on the machine's load. (The end-to-end project has its own MeasurementFact for the circuit measurements.)
/// </summary>
public sealed class OnDemandMeasurementAttribute : FactAttribute
{
    public OnDemandMeasurementAttribute()
    {
        if (Environment.GetEnvironmentVariable("DXTRACKER_MEASURE") != "1")
        {
            Skip = "a measurement: run with DXTRACKER_MEASURE=1 (docs/performance.md)";
        }
    }
}
