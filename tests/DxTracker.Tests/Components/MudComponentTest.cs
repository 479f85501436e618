using Bunit;
using DxTracker.Web.Components.Mud;
using DxTracker.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DxTracker.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services, the Japanese localizer and a loose JS runtime (MudBlazor calls into its
/// script, which bUnit does not run), and the app's per-circuit <see cref="ConnectionLoss"/>. Disposed asynchronously: MudBlazor's key interceptor needs it (stack.md).
/// </summary>
public abstract class MudComponentTest : BunitContext, IAsyncLifetime
{
    protected MudComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddTransient<MudLocalizer, JapaneseMudLocalizer>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(ConnectionLoss);
    }

    /// <summary>What the circuit handler calls when the connection goes down (a test calls it instead).</summary>
    protected ConnectionLoss ConnectionLoss { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    /// <summary>Renders a component inside the MudBlazor providers that dialogs, popovers and snackbars need.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderProviders() => Render<MudPopoverProvider>();
}
