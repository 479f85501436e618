using System.Security.Claims;
using DxTracker.Web.Infrastructure.Auth;

namespace DxTracker.Web.Data.Auditing;

/// <summary>Who is making changes: the signed-in user, or the system (start-up, command line).</summary>
public interface ICurrentActor
{
    string? UserId { get; }

    string UserName { get; }
}

/// <summary>The user of the HTTP request or of the interactive circuit.</summary>
internal sealed class SignedInActor(CircuitPrincipal principal) : ICurrentActor
{
    public string? UserId => principal.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string UserName => principal.User.Identity?.Name is { Length: > 0 } name ? name : "system";
}
