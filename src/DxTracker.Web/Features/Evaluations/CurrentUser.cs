using System.Security.Claims;
using DxTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations;

/// <summary>The signed-in user as the server sees them on this request: roles from the cookie, departments from the database.</summary>
public sealed class CurrentUser(IHttpContextAccessor http, AppDbContext db)
{
    private ClaimsPrincipal? principal;
    private IReadOnlySet<int>? departmentIds;

    public Task<ClaimsPrincipal> PrincipalAsync() =>
        Task.FromResult(principal ??= http.HttpContext?.User ?? new ClaimsPrincipal());

    public async Task<string> UserNameAsync() => (await PrincipalAsync()).Identity?.Name ?? "anonymous";

    public async Task<bool> IsInRoleAsync(string role) => (await PrincipalAsync()).IsInRole(role);

    /// <summary>Reviewer (デジタル推進課) or administrator: may act on every department's items.</summary>
    public async Task<bool> IsReviewerAsync()
    {
        var user = await PrincipalAsync();
        return user.IsInRole(Domain.Roles.Reviewer) || user.IsInRole(Domain.Roles.Admin);
    }

    public async Task<bool> IsEditorAsync() => (await PrincipalAsync()).IsInRole(Domain.Roles.Editor);

    public async Task<IReadOnlySet<int>> DepartmentIdsAsync()
    {
        if (departmentIds is null)
        {
            var userId = (await PrincipalAsync()).FindFirstValue(ClaimTypes.NameIdentifier);
            departmentIds = (await db.UserDepartments.AsNoTracking().Where(ud => ud.UserId == userId).Select(ud => ud.DepartmentId).ToListAsync()).ToHashSet();
        }
        return departmentIds;
    }
}
