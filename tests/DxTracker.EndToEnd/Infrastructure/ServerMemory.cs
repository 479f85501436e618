namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>
/// The app's managed heap, read in this process (the app runs here, on Kestrel): what the measurements of memory
/// per open circuit compare before and after opening tabs.
/// </summary>
public static class ServerMemory
{
    private static readonly TimeSpan PoolTrimDelay = TimeSpan.FromSeconds(65);

    /// <summary>The heap after full, compacting collections.</summary>
    public static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// The heap once the process-wide array pool has let go of the buffers that the first renders returned to it (it
    /// trims what has not been used for a minute, at the next full collection): those buffers are shared by all
    /// circuits, at most a few of each size, and do not grow with the number of circuits.
    /// </summary>
    public static async Task<long> SettledHeapAsync()
    {
        await Task.Delay(PoolTrimDelay);
        Heap();
        return Heap();
    }
}
