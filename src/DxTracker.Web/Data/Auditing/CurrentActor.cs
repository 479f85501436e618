using System.Security.Claims;

namespace DxTracker.Web.Data.Auditing;

/// <summary>Who is making changes: the signed-in user, or the system (start-up, command line).</summary>
public interface ICurrentActor
{
    string? UserId { get; }

    string UserName { get; }
}

internal sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string UserName => accessor.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : "system";
}
