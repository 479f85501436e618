using DxTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace DxTracker.Tests.Web;

/// <summary>Issue 12, several instances: a stopping instance refuses new requests so that the proxy passes them on.</summary>
public sealed class StoppingInstanceGateTests
{
    [Fact]
    public async Task A_running_instance_serves_and_a_stopping_one_answers_503_in_Japanese_and_closes_the_connection()
    {
        using var lifetime = new Lifetime();
        var served = 0;
        var gate = new StoppingInstanceGate(_ => { served++; return Task.CompletedTask; }, lifetime);

        await gate.InvokeAsync(new DefaultHttpContext());
        Assert.Equal(1, served);

        lifetime.Stop();
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await gate.InvokeAsync(context);

        Assert.Equal(1, served);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("close", context.Response.Headers.Connection);
        context.Response.Body.Position = 0;
        using var body = new StreamReader(context.Response.Body);
        Assert.Contains("サーバーを停止しています。", await body.ReadToEndAsync(), StringComparison.Ordinal);
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Stop() => stopping.Cancel();

        public void StopApplication() => Stop();

        public void Dispose() => stopping.Dispose();
    }
}
