using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>
/// Listens to the app's duration histograms (seconds) in this process, where the app runs: ASP.NET Core's component
/// metrics (meters <c>Microsoft.AspNetCore.Components*</c>) and the handlers' own (<c>DxTracker</c>). Each measurement
/// is kept in milliseconds under "instrument (tag value)", the tag being the component type or the action.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Key, double Milliseconds)> measurements = new();

    public MetricsRecorder(params string[] meterPrefixes)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Unit == "s" && meterPrefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? name = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "aspnetcore.components.type")
                {
                    name = (tag.Value as string)?.Split('.')[^1];
                }
                else if (tag.Key == "dxtracker.action")
                {
                    name = tag.Value as string;
                }
            }
            measurements.Enqueue((name is null ? instrument.Name : $"{instrument.Name} ({name})", value * 1000));
        });
        listener.Start();
    }

    /// <summary>Every measurement since the last call.</summary>
    public List<(string Key, double Milliseconds)> Take()
    {
        var taken = new List<(string, double)>();
        while (measurements.TryDequeue(out var m))
        {
            taken.Add(m);
        }
        return taken;
    }

    /// <summary>What was measured since the last call, summed per key.</summary>
    public Dictionary<string, double> TakeSums()
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, ms) in Take())
        {
            sums[key] = sums.GetValueOrDefault(key) + ms;
        }
        return sums;
    }

    public void Dispose() => listener.Dispose();
}
