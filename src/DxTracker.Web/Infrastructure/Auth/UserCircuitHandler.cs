using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>Gives the circuit's services (handlers, the audit trail) the circuit's user, and follows its changes.</summary>
internal sealed class UserCircuitHandler(AuthenticationStateProvider authentication, CircuitPrincipal principal) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        principal.Set((await authentication.GetAuthenticationStateAsync()).User);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) =>
        principal.Set((await authentication.GetAuthenticationStateAsync()).User);

    private void OnChanged(Task<AuthenticationState> state) => _ = UpdateAsync(state);

    private async Task UpdateAsync(Task<AuthenticationState> state) => principal.Set((await state).User);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
