namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>
/// A measurement against its target (docs/performance.md): run on demand with <c>DXTRACKER_MEASURE=1</c>, e.g.
/// <c>DXTRACKER_MEASURE=1 scripts/test.sh --filter "FullyQualifiedName~Performance"</c>, not in every test run:
/// it takes minutes and its figure depends on the machine's load.
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
