using System.Diagnostics.Metrics;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// The handlers' actions as a metric (meter <c>DxTracker</c>, histogram <c>dxtracker.action.duration</c> in seconds,
/// tagged with the action and its outcome), beside their log events: what a monitoring system or a load test reads
/// to see how long saving, submitting or approving takes inside the circuits.
/// </summary>
public sealed class ActionMetrics
{
    public const string MeterName = "DxTracker";
    public const string DurationName = "dxtracker.action.duration";

    private readonly Histogram<double> duration;

    public ActionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        duration = meters.Create(MeterName).CreateHistogram<double>(DurationName, unit: "s", description: "How long a handler's action took.");
    }

    public void Record(string action, string outcome, TimeSpan elapsed) =>
        duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("dxtracker.action", action), new KeyValuePair<string, object?>("dxtracker.outcome", outcome));
}
