using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Evaluations;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>
/// What every plan administration handler does around its work: refuse anyone but an administrator (whichever
/// component calls it), give the work its own DbContext, and log a change as one action event.
/// </summary>
public sealed class PlanAdminOperations(IDbContextFactory<AppDbContext> databases, CurrentUser user, ActionLog log)
{
    /// <summary>A read: administrators only, one context, nothing logged.</summary>
    public async Task<T> ReadAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await RequireAdminAsync();
        await using var db = await databases.CreateDbContextAsync();
        return await work(db);
    }

    /// <summary>A change: administrators only (a refusal is logged too), one context, one action event.</summary>
    public Task<T> ChangeAsync<T>(string action, object? subject, Func<AppDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return log.RunAsync(action, subject, async () =>
        {
            await RequireAdminAsync();
            await using var db = await databases.CreateDbContextAsync();
            return await work(db);
        });
    }

    public Task ChangeAsync(string action, object? subject, Func<AppDbContext, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return ChangeAsync<bool>(action, subject, async db =>
        {
            await work(db);
            return true;
        });
    }

    private async Task RequireAdminAsync()
    {
        if (!await user.IsInRoleAsync(Roles.Admin))
        {
            throw new ForbiddenException();
        }
    }
}
