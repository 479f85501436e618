using DxTracker.Web.Data;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Security;

/// <summary>One security event as the administrators' list shows it.</summary>
public sealed record SecurityEventRow(DateTimeOffset At, string Action, string Actor, string? Target, string? Detail);

/// <summary>A page of security events, newest first, and how many match.</summary>
public sealed record SecurityEventPage(IReadOnlyList<SecurityEventRow> Rows, int Total);

/// <summary>The security events of the audit trail (administrators only), filtered by user ID and kind, a page at a time.</summary>
public sealed class SecurityLogQuery(CircuitPrincipal principal, IDbContextFactory<AppDbContext> databases)
{
    public async Task<SecurityEventPage> PageAsync(string? userName, string? action, int page, int pageSize)
    {
        principal.EnsureAdmin();
        await using var db = await databases.CreateDbContextAsync();
        var events = db.AuditEntries.AsNoTracking().Where(a => a.EntityType == SecurityEvents.EntityType);
        if (!string.IsNullOrWhiteSpace(userName))
        {
            var name = userName.Trim();
            events = events.Where(a => a.UserName == name || a.NewValue == name);
        }
        if (!string.IsNullOrEmpty(action))
        {
            events = events.Where(a => a.Action == action);
        }
        var total = await events.CountAsync();
        var rows = await events.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(Math.Max(page, 0) * pageSize).Take(Math.Clamp(pageSize, 1, 200))
            .Select(a => new SecurityEventRow(a.At, a.Action, a.UserName, a.NewValue, a.Comment))
            .ToListAsync();
        return new SecurityEventPage(rows, total);
    }
}
