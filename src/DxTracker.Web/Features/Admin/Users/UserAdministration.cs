using DxTracker.Web.Data;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Users;

/// <summary>A user as the administration list shows it.</summary>
public sealed record UserRow(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Departments, bool IsActive, bool IsLockedOut, bool MustChangePassword);

/// <summary>What an administrator sets for a user.</summary>
public sealed record UserSettings(string DisplayName, IReadOnlyCollection<string> Roles, IReadOnlyCollection<int> DepartmentIds);

/// <summary>
/// Accounts: create, change roles and departments, deactivate, reset passwords. There is always at least one
/// active administrator; every change is one transaction.
/// </summary>
public sealed class UserAdministration(AppDbContext db, UserManager<ApplicationUser> users, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync();
        var roles = await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync();
        var departments = await db.UserDepartments.AsNoTracking()
            .Join(db.Departments, ud => ud.DepartmentId, d => d.Id, (ud, d) => new { ud.UserId, d.Name, d.SortOrder, d.Reading })
            .OrderBy(x => x.SortOrder).ThenBy(x => x.Reading).ToListAsync();
        var now = clock.GetUtcNow();
        return all.Select(u => new UserRow(
            u.Id,
            u.UserName ?? string.Empty,
            u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => Domain.Roles.All.ToList().IndexOf(r)).ToList(),
            departments.Where(d => d.UserId == u.Id).Select(d => d.Name).ToList(),
            u.IsActive,
            u.LockoutEnd is { } end && end > now,
            u.MustChangePassword)).ToList();
    }

    public async Task<(ApplicationUser User, IReadOnlyList<string> Roles, IReadOnlyList<int> DepartmentIds)> GetAsync(string id)
    {
        var user = await db.Users.Include(u => u.Departments).SingleOrDefaultAsync(u => u.Id == id) ?? throw new NotFoundException();
        return (user, (await users.GetRolesAsync(user)).ToList(), user.Departments.Select(d => d.DepartmentId).ToList());
    }

    public async Task<string> CreateAsync(string userName, string temporaryPassword, UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new ApplicationUser { UserName = userName.Trim(), DisplayName = settings.DisplayName.Trim(), MustChangePassword = true };
        Ensure(await users.CreateAsync(user, temporaryPassword));
        await ApplyAsync(user, settings);
        await transaction.CommitAsync();
        return user.Id;
    }

    public async Task UpdateAsync(string id, UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (user, currentRoles, _) = await GetAsync(id);
        if (currentRoles.Contains(Domain.Roles.Admin) && !settings.Roles.Contains(Domain.Roles.Admin))
        {
            await EnsureAnotherActiveAdminAsync(user.Id);
        }
        user.DisplayName = settings.DisplayName.Trim();
        await ApplyAsync(user, settings);
        await transaction.CommitAsync();
    }

    public async Task SetActiveAsync(string id, bool active)
    {
        var (user, roles, _) = await GetAsync(id);
        if (!active && roles.Contains(Domain.Roles.Admin))
        {
            await EnsureAnotherActiveAdminAsync(user.Id);
        }
        user.IsActive = active;
        Ensure(await users.UpdateAsync(user));
        // Ends the user's open sessions at their next security-stamp check.
        Ensure(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Sets a temporary password; the user must choose a new one at the next sign-in.</summary>
    public async Task ResetPasswordAsync(string id, string temporaryPassword)
    {
        var (user, _, _) = await GetAsync(id);
        await using var transaction = await db.Database.BeginTransactionAsync();
        Ensure(await users.RemovePasswordAsync(user));
        Ensure(await users.AddPasswordAsync(user, temporaryPassword));
        user.MustChangePassword = true;
        Ensure(await users.UpdateAsync(user));
        Ensure(await users.SetLockoutEndDateAsync(user, null));
        Ensure(await users.ResetAccessFailedCountAsync(user));
        await transaction.CommitAsync();
    }

    private async Task ApplyAsync(ApplicationUser user, UserSettings settings)
    {
        var current = await users.GetRolesAsync(user);
        Ensure(await users.RemoveFromRolesAsync(user, current.Except(settings.Roles)));
        Ensure(await users.AddToRolesAsync(user, settings.Roles.Except(current)));
        var known = await db.Departments.Where(d => settings.DepartmentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync();
        if (known.Count != settings.DepartmentIds.Distinct().Count())
        {
            throw new DomainRuleException("存在しない部署が指定されました。画面を開き直してください。");
        }
        var memberships = await db.UserDepartments.Where(ud => ud.UserId == user.Id).ToListAsync();
        db.UserDepartments.RemoveRange(memberships.Where(m => !known.Contains(m.DepartmentId)));
        db.UserDepartments.AddRange(known.Where(k => memberships.All(m => m.DepartmentId != k)).Select(k => new UserDepartment { UserId = user.Id, DepartmentId = k }));
        await db.SaveChangesAsync();
        Ensure(await users.UpdateSecurityStampAsync(user));
    }

    private static void Validate(UserSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.DisplayName))
        {
            throw new DomainRuleException("氏名を入力してください。");
        }
        if (settings.DisplayName.Trim().Length > ApplicationUser.DisplayNameMaxLength)
        {
            throw new DomainRuleException($"氏名は{ApplicationUser.DisplayNameMaxLength}文字以内で入力してください。");
        }
        if (settings.Roles.Count == 0)
        {
            throw new DomainRuleException("権限を1つ以上選んでください。");
        }
        if (settings.Roles.Any(r => !Domain.Roles.All.Contains(r)))
        {
            throw new DomainRuleException("存在しない権限が指定されました。");
        }
        if (settings.Roles.Contains(Domain.Roles.Editor) && settings.DepartmentIds.Count == 0)
        {
            throw new DomainRuleException("担当課職員には所属部署を1つ以上選んでください。");
        }
    }

    private async Task EnsureAnotherActiveAdminAsync(string userId)
    {
        var admins = await users.GetUsersInRoleAsync(Domain.Roles.Admin);
        if (!admins.Any(a => a.Id != userId && a.IsActive))
        {
            throw new DomainRuleException("最後の管理者の権限は外せません（無効にもできません）。先に別の管理者を設定してください。");
        }
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainRuleException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
