using System.Security.Claims;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Users;

/// <summary>A user as the administration list shows it.</summary>
public sealed record UserRow(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Departments, bool IsActive, bool IsLockedOut, bool MustChangePassword)
{
    public string StateLabel => IsActive ? IsLockedOut ? "ロック中" : MustChangePassword ? "パスワード変更待ち" : "有効" : "無効";
}

/// <summary>A user as the edit page shows it.</summary>
public sealed record UserDetails(string Id, string UserName, string DisplayName, bool IsActive, IReadOnlyList<string> Roles, IReadOnlyList<int> DepartmentIds, bool TwoFactorEnabled = false);

/// <summary>A department a user can belong to.</summary>
public sealed record DepartmentChoice(int Id, string Name, bool IsActive);

/// <summary>The fields of the user forms that a rule can concern.</summary>
public enum UserField
{
    DisplayName,
    Roles,
    Departments,
}

/// <summary>A rule the settings break, and the field to show it at.</summary>
public sealed record UserSettingsProblem(UserField Field, string Message);

/// <summary>What an administrator sets for a user.</summary>
public sealed record UserSettings(string DisplayName, IReadOnlyCollection<string> Roles, IReadOnlyCollection<int> DepartmentIds);

/// <summary>
/// Accounts: create, change roles and departments, deactivate, reset passwords. Administrators only; there is always
/// at least one active administrator; every change is one transaction in its own scope (Identity's UserManager holds
/// a scoped DbContext). A changed role, department or activation renews the security stamp, so the user's open
/// sessions and circuits are revalidated.
/// </summary>
public sealed class UserAdministration(OperationScopes scopes, CircuitPrincipal principal, IDbContextFactory<AppDbContext> databases, ActionLog log, TimeProvider clock, TwoFactorPolicy twoFactor)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        principal.EnsureAdmin();
        await using var db = await databases.CreateDbContextAsync();
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

    public async Task<UserDetails> GetAsync(string id)
    {
        principal.EnsureAdmin();
        await using var db = await databases.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().Include(u => u.Departments).SingleOrDefaultAsync(u => u.Id == id) ?? throw new NotFoundException();
        var roles = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync();
        return new UserDetails(user.Id, user.UserName ?? string.Empty, user.DisplayName, user.IsActive, roles, user.Departments.Select(d => d.DepartmentId).ToList(), user.TwoFactorEnabled);
    }

    /// <summary>The departments to choose from, by display order then reading; inactive ones only when asked (a user may still belong to one).</summary>
    public async Task<IReadOnlyList<DepartmentChoice>> DepartmentsAsync(bool includeInactive)
    {
        principal.EnsureAdmin();
        await using var db = await databases.CreateDbContextAsync();
        return await db.Departments.AsNoTracking().Where(d => includeInactive || d.IsActive).OrderBy(d => d.SortOrder).ThenBy(d => d.Reading)
            .Select(d => new DepartmentChoice(d.Id, d.Name, d.IsActive)).ToListAsync();
    }

    public Task<string> CreateAsync(string userName, string temporaryPassword, UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        principal.EnsureAdmin();
        return log.RunAsync("user.create", new { userName, settings.Roles, settings.DepartmentIds }, () => scopes.RunAsync(async services =>
        {
            Validate(settings);
            var (db, users) = Resolve(services);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var user = new ApplicationUser { UserName = userName.Trim(), DisplayName = settings.DisplayName.Trim(), MustChangePassword = true };
            Ensure(await users.CreateAsync(user, temporaryPassword));
            await ApplyAsync(db, users, user, settings);
            Record(services, db, SecurityActions.UserCreated, user, $"権限：{RoleNames(settings.Roles)}");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return user.Id;
        }));
    }

    public Task UpdateAsync(string id, UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        principal.EnsureAdmin();
        return log.RunAsync("user.update", new { userId = id, settings.Roles, settings.DepartmentIds }, () => scopes.RunAsync(async services =>
        {
            Validate(settings);
            var (db, users) = Resolve(services);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await LockAdministratorsAsync(db);
            var user = await FindAsync(users, id);
            var currentRoles = await users.GetRolesAsync(user);
            if (currentRoles.Contains(Domain.Roles.Admin) && !settings.Roles.Contains(Domain.Roles.Admin))
            {
                await EnsureAnotherActiveAdminAsync(users, user.Id);
            }
            user.DisplayName = settings.DisplayName.Trim();
            var departmentsBefore = await db.UserDepartments.Where(ud => ud.UserId == user.Id).Select(ud => ud.DepartmentId).ToListAsync();
            await ApplyAsync(db, users, user, settings);
            if (!currentRoles.ToHashSet().SetEquals(settings.Roles))
            {
                // A role that requires two-factor sign-in, given to a user without it: the user's sessions end (a session
                // keeps the claims it was signed in with), so that the next sign-in leads to its set-up.
                var ended = !user.TwoFactorEnabled && twoFactor.RequiredRoles.Any(r => settings.Roles.Contains(r) && !currentRoles.Contains(r))
                    ? await DatabaseTicketStore.EndForUserAsync(db, user.Id, clock.GetUtcNow(), SessionEndReasons.EndedByAdministrator)
                    : 0;
                Record(services, db, SecurityActions.RolesChanged, user,
                    $"{RoleNames(currentRoles)} → {RoleNames(settings.Roles)}" + (ended > 0 ? $"（2段階認証の設定のため、セッション{ended}件を終了）" : string.Empty));
            }
            if (!departmentsBefore.ToHashSet().SetEquals(settings.DepartmentIds))
            {
                Record(services, db, SecurityActions.DepartmentsChanged, user, $"{await DepartmentNamesAsync(db, departmentsBefore)} → {await DepartmentNamesAsync(db, settings.DepartmentIds)}");
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }));
    }

    public Task SetActiveAsync(string id, bool active)
    {
        principal.EnsureAdmin();
        return log.RunAsync(active ? "user.activate" : "user.deactivate", new { userId = id }, () => scopes.RunAsync(async services =>
        {
            var (db, users) = Resolve(services);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await LockAdministratorsAsync(db);
            var user = await FindAsync(users, id);
            if (!active && await users.IsInRoleAsync(user, Domain.Roles.Admin))
            {
                await EnsureAnotherActiveAdminAsync(users, user.Id);
            }
            user.IsActive = active;
            Ensure(await users.UpdateAsync(user));
            // Ends the user's open sessions now, and their open circuits at the next revalidation.
            Ensure(await users.UpdateSecurityStampAsync(user));
            var ended = active ? 0 : await DatabaseTicketStore.EndForUserAsync(db, user.Id, clock.GetUtcNow(), SessionEndReasons.EndedByAdministrator);
            Record(services, db, active ? SecurityActions.Activated : SecurityActions.Deactivated, user, ended > 0 ? $"セッション{ended}件を終了" : null);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }));
    }

    /// <summary>Sets a temporary password; the user must choose a new one at the next sign-in.</summary>
    public Task ResetPasswordAsync(string id, string temporaryPassword)
    {
        principal.EnsureAdmin();
        return log.RunAsync("user.reset-password", new { userId = id }, () => scopes.RunAsync(async services =>
        {
            var (db, users) = Resolve(services);
            var user = await FindAsync(users, id);
            await using var transaction = await db.Database.BeginTransactionAsync();
            Ensure(await users.RemovePasswordAsync(user));
            Ensure(await users.AddPasswordAsync(user, temporaryPassword));
            user.MustChangePassword = true;
            Ensure(await users.UpdateAsync(user));
            Ensure(await users.SetLockoutEndDateAsync(user, null));
            Ensure(await users.ResetAccessFailedCountAsync(user));
            // Whoever knew the old password (or holds a session made with it) is signed out.
            var ended = await DatabaseTicketStore.EndForUserAsync(db, user.Id, clock.GetUtcNow(), SessionEndReasons.EndedByAdministrator);
            Record(services, db, SecurityActions.PasswordReset, user, ended > 0 ? $"セッション{ended}件を終了" : null);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }));
    }

    /// <summary>The account change as a security event, saved in the change's own transaction.</summary>
    private void Record(IServiceProvider services, AppDbContext db, string action, ApplicationUser user, string? detail)
    {
        var actor = new SecurityActor(principal.User.FindFirstValue(ClaimTypes.NameIdentifier), principal.User.Identity?.Name ?? "system");
        services.GetRequiredService<SecurityEvents>().Add(db, action, actor, user.Id, user.UserName, detail);
    }

    private static string RoleNames(IEnumerable<string> roles) =>
        roles.Any() ? string.Join("・", roles.OrderBy(r => Domain.Roles.All.ToList().IndexOf(r)).Select(Domain.Roles.DisplayName)) : "なし";

    private static async Task<string> DepartmentNamesAsync(AppDbContext db, IReadOnlyCollection<int> ids)
    {
        var names = await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.SortOrder).Select(d => d.Name).ToListAsync();
        return names.Count > 0 ? string.Join("・", names) : "なし";
    }

    /// <summary>
    /// Turns a user's two-factor sign-in off (a lost phone and lost recovery codes): the user signs in with the password
    /// and sets it up again. Ends the user's sessions; a security event.
    /// </summary>
    public Task ResetTwoFactorAsync(string id)
    {
        principal.EnsureAdmin();
        return log.RunAsync("user.reset-two-factor", new { userId = id }, () => scopes.RunAsync(async services =>
        {
            var (db, users) = Resolve(services);
            var user = await FindAsync(users, id);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Account.TwoFactorSetup.TurnOffAsync(users, user);
            var ended = await DatabaseTicketStore.EndForUserAsync(db, user.Id, clock.GetUtcNow(), SessionEndReasons.EndedByAdministrator);
            Record(services, db, SecurityActions.TwoFactorDisabled, user, ended > 0 ? $"管理者が解除（セッション{ended}件を終了）" : "管理者が解除");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }));
    }

    private static (AppDbContext Db, UserManager<ApplicationUser> Users) Resolve(IServiceProvider services) =>
        (services.GetRequiredService<AppDbContext>(), services.GetRequiredService<UserManager<ApplicationUser>>());

    private static async Task<ApplicationUser> FindAsync(UserManager<ApplicationUser> users, string id) =>
        await users.FindByIdAsync(id) ?? throw new NotFoundException();

    private static async Task ApplyAsync(AppDbContext db, UserManager<ApplicationUser> users, ApplicationUser user, UserSettings settings)
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

    /// <summary>What is wrong with the settings, and which field it concerns (the page shows it there); null when nothing is.</summary>
    public static UserSettingsProblem? ProblemOf(UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.DisplayName))
        {
            return new(UserField.DisplayName, "氏名を入力してください。");
        }
        if (settings.DisplayName.Trim().Length > ApplicationUser.DisplayNameMaxLength)
        {
            return new(UserField.DisplayName, $"氏名は{ApplicationUser.DisplayNameMaxLength}文字以内で入力してください。");
        }
        return ChoiceProblemOf(settings);
    }

    /// <summary>What is wrong with the chosen roles and departments (the form checks these beside its own text fields).</summary>
    public static UserSettingsProblem? ChoiceProblemOf(UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Roles.Count == 0)
        {
            return new(UserField.Roles, "権限を1つ以上選んでください。");
        }
        if (settings.Roles.Any(r => !Domain.Roles.All.Contains(r)))
        {
            return new(UserField.Roles, "存在しない権限が指定されました。");
        }
        if (settings.Roles.Contains(Domain.Roles.Editor) && settings.DepartmentIds.Count == 0)
        {
            return new(UserField.Departments, "担当課職員には所属部署を1つ以上選んでください。");
        }
        return null;
    }

    private static void Validate(UserSettings settings)
    {
        if (ProblemOf(settings) is { } problem)
        {
            throw new DomainRuleException(problem.Message);
        }
    }

    /// <summary>Any change that could remove an administrator takes this lock first (held until its transaction ends).</summary>
    private const long AdministratorsLockKey = 0x44784164_6D696E;

    /// <summary>
    /// Serialises the changes that could leave no administrator: two administrators demoting each other at the same
    /// moment then run one after the other, and the second sees the first's change and is refused.
    /// </summary>
    private static Task<int> LockAdministratorsAsync(AppDbContext db) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdministratorsLockKey})");

    private static async Task EnsureAnotherActiveAdminAsync(UserManager<ApplicationUser> users, string userId)
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
