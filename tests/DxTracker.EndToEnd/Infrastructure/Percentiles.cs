namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>Percentiles of measured times, nearest-rank: the value at or above which the slowest (1 − p) of them lie.</summary>
public static class Percentiles
{
    /// <summary>The p-th percentile (0 &lt; p ≤ 1) of <paramref name="sorted"/>, which must be in ascending order; NaN when it is empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
