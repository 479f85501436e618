using System.Security.Claims;

namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// The signed-in user of the current scope. In an interactive circuit there is no HttpContext: the circuit handler
/// sets the user from the (revalidating) authentication state, and keeps it current when that state changes. On an
/// HTTP request (endpoints, static pages) it is unset and the request's user is used.
/// </summary>
public sealed class CircuitPrincipal(IHttpContextAccessor http)
{
    private ClaimsPrincipal? circuitUser;

    /// <summary>True inside an interactive circuit.</summary>
    public bool InCircuit => circuitUser is not null;

    public ClaimsPrincipal User => circuitUser ?? http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    internal void Set(ClaimsPrincipal user) => circuitUser = user;
}
