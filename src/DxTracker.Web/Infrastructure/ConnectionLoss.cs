using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// What a circuit's pages keep when its connection goes down: the tab was closed, the network lost, or the instance is
/// stopping. A graceful stop (SIGTERM, a deployment) closes every connection and waits for this, but never disposes the
/// circuits: they end with the process, and a component's DisposeAsync does not run. The entry form keeps here what was
/// typed within its autosave's delay.
/// </summary>
public sealed class ConnectionLoss
{
    private readonly List<Func<Task>> keepers = [];

    /// <summary>Runs <paramref name="keep"/> on the circuit's dispatcher each time the connection goes down, until disposed.</summary>
    public IDisposable OnLoss(Func<Task> keep)
    {
        lock (keepers)
        {
            keepers.Add(keep);
        }
        return new Registration(this, keep);
    }

    internal async Task KeepAsync()
    {
        Func<Task>[] now;
        lock (keepers)
        {
            now = [.. keepers];
        }
        foreach (var keep in now)
        {
            await keep();
        }
    }

    private sealed class Registration(ConnectionLoss loss, Func<Task> keep) : IDisposable
    {
        public void Dispose()
        {
            lock (loss.keepers)
            {
                loss.keepers.Remove(keep);
            }
        }
    }
}

/// <summary>Calls the circuit's <see cref="ConnectionLoss"/> keepers (an exception is logged by Blazor, the circuit lives on).</summary>
internal sealed class ConnectionLossCircuitHandler(ConnectionLoss loss) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => loss.KeepAsync();
}
