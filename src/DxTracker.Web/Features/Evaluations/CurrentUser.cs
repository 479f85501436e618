using System.Security.Claims;
using DxTracker.Web.Data;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations;

/// <summary>
/// The signed-in user as the server sees them: roles from the cookie (or the circuit's revalidated state),
/// departments from the database. Read again for each operation, so that a changed role or department applies.
/// </summary>
public sealed class CurrentUser(CircuitPrincipal principal, IDbContextFactory<AppDbContext> databases)
{
    private IReadOnlySet<int>? departmentIds;
    private ClaimsPrincipal? departmentsFor;

    public Task<ClaimsPrincipal> PrincipalAsync() => Task.FromResult(principal.User);

    public async Task<string> UserNameAsync() => (await PrincipalAsync()).Identity?.Name ?? "anonymous";

    public async Task<bool> IsInRoleAsync(string role) => (await PrincipalAsync()).IsInRole(role);

    /// <summary>Reviewer (デジタル推進課) or administrator: may act on every department's items (<see cref="Access"/>).</summary>
    public Task<bool> IsReviewerAsync() => Task.FromResult(Access.IsReviewer(principal.User));

    /// <summary>The departments among an item's whose part this user may write (<see cref="Access.WritableDepartments"/>).</summary>
    public async Task<IReadOnlyList<int>> WritableDepartmentsAsync(IEnumerable<int> itemDepartments) =>
        Access.WritableDepartments(principal.User, await DepartmentIdsAsync(), itemDepartments);

    /// <summary>Whether this user reads an item's evaluations before they are approved (<see cref="Access.MayReadDrafts"/>).</summary>
    public async Task<bool> MayReadDraftsAsync(IEnumerable<int> itemDepartments) =>
        Access.MayReadDrafts(principal.User, await DepartmentIdsAsync(), itemDepartments);

    public async Task<IReadOnlySet<int>> DepartmentIdsAsync()
    {
        var user = await PrincipalAsync();
        // In a circuit this service lives as long as the tab: cache per request only, never across operations.
        if (departmentIds is null || !ReferenceEquals(departmentsFor, user) || principal.InCircuit)
        {
            var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
            await using var db = await databases.CreateDbContextAsync();
            departmentIds = (await db.UserDepartments.AsNoTracking().Where(ud => ud.UserId == userId).Select(ud => ud.DepartmentId).ToListAsync()).ToHashSet();
            departmentsFor = user;
        }
        return departmentIds;
    }
}
