using DxTracker.Web.Data;
using DxTracker.Web.Data.Auditing;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Departments;

/// <summary>A department as the administration list shows it.</summary>
public sealed record DepartmentRow(int Id, string Code, string Name, string Reading, int SortOrder, bool IsActive, IReadOnlyList<string> FormerNames, int Items, int Users);

/// <summary>An item a department takes part in, for moving it to another department.</summary>
public sealed record DepartmentItem(int ItemId, string PlanName, string Number, string Title);

/// <summary>A department to choose as the target of a merge or a move.</summary>
public sealed record DepartmentTarget(int Id, string Name);

/// <summary>
/// 組織改正: create, rename from a fiscal year, merge, split by moving items, order. Administrators only; each action is
/// one transaction on its own DbContext and logs one event.
/// </summary>
public sealed class DepartmentAdministration(IDbContextFactory<AppDbContext> databases, CircuitPrincipal principal, ICurrentActor actor, ActionLog log, TimeProvider clock)
{
    public async Task<IReadOnlyList<DepartmentRow>> ListAsync()
    {
        principal.EnsureAdmin();
        await using var db = await databases.CreateDbContextAsync();
        var departments = await db.Departments.AsNoTracking().Include(d => d.FormerNames).OrderBy(d => d.SortOrder).ThenBy(d => d.Reading).ToListAsync();
        var items = await db.ItemDepartments.AsNoTracking().GroupBy(i => i.DepartmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var users = await db.UserDepartments.AsNoTracking().GroupBy(u => u.DepartmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        return departments.Select(d => new DepartmentRow(
            d.Id, d.Code, d.Name, d.Reading, d.SortOrder, d.IsActive,
            d.FormerNames.OrderBy(f => f.UntilYear).Select(f => $"{f.Name}（{new FiscalYear(f.UntilYear).Label}まで）").ToList(),
            items.GetValueOrDefault(d.Id), users.GetValueOrDefault(d.Id))).ToList();
    }

    public async Task<Department> GetAsync(int id)
    {
        principal.EnsureAdmin();
        await using var db = await databases.CreateDbContextAsync();
        return await db.Departments.AsNoTracking().Include(d => d.FormerNames).SingleOrDefaultAsync(d => d.Id == id) ?? throw new NotFoundException();
    }

    public async Task<IReadOnlyList<DepartmentItem>> ItemsAsync(int id)
    {
        principal.EnsureAdmin();
        await using var db = await databases.CreateDbContextAsync();
        return await db.ItemDepartments.AsNoTracking().Where(l => l.DepartmentId == id)
            .Join(db.ActionItems, l => l.ItemId, i => i.Id, (l, i) => i)
            .Join(db.Plans, i => i.PlanId, p => p.Id, (i, p) => new { i.Id, PlanName = p.Name, i.Number, i.Title, i.SortOrder })
            .OrderBy(x => x.PlanName).ThenBy(x => x.SortOrder)
            .Select(x => new DepartmentItem(x.Id, x.PlanName, x.Number, x.Title))
            .ToListAsync();
    }

    /// <summary>The active departments other than <paramref name="id"/>: where its items and users can go.</summary>
    public async Task<IReadOnlyList<DepartmentTarget>> TargetsAsync(int id)
    {
        principal.EnsureAdmin();
        await using var db = await databases.CreateDbContextAsync();
        return await db.Departments.AsNoTracking().Where(d => d.IsActive && d.Id != id).OrderBy(d => d.SortOrder).ThenBy(d => d.Reading)
            .Select(d => new DepartmentTarget(d.Id, d.Name)).ToListAsync();
    }

    public Task<int> CreateAsync(string code, string name, string reading, int sortOrder)
    {
        principal.EnsureAdmin();
        return log.RunAsync("department.create", new { code, name }, async () =>
        {
            await using var db = await databases.CreateDbContextAsync();
            await EnsureUniqueAsync(db, code, name, null);
            var department = new Department(code, name, reading, sortOrder);
            db.Departments.Add(department);
            await db.SaveChangesAsync();
            return department.Id;
        });
    }

    public Task SetOrderAsync(int id, int sortOrder, string reading)
    {
        principal.EnsureAdmin();
        return log.RunAsync("department.order", new { departmentId = id, sortOrder }, async () =>
        {
            await using var db = await databases.CreateDbContextAsync();
            var department = await TrackedAsync(db, id);
            department.SetOrder(sortOrder, reading);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Renames from <paramref name="from"/> on; reports for earlier years keep the old name.</summary>
    public Task RenameAsync(int id, string newName, FiscalYear from)
    {
        principal.EnsureAdmin();
        return log.RunAsync("department.rename", new { departmentId = id, newName, fiscalYear = from.Year }, async () =>
        {
            await using var db = await databases.CreateDbContextAsync();
            var department = await TrackedAsync(db, id);
            await EnsureRenameYearAsync(db, from);
            await EnsureUniqueAsync(db, null, newName, id);
            var previousYearClosed = await db.PlanYears.AnyAsync(y => y.State == PlanYearState.Closed && y.FiscalYear == from.Year - 1);
            department.Rename(newName, from, previousYearClosed);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>
    /// A rename takes effect from a year inside the plans' periods and not from a closed year (that year's report would
    /// print the new name). The year just before it reads 「新名（旧名）」 in its 担当部署 column, the convention of reports
    /// compiled after a reorganisation (<see cref="Department.ReportNameFor"/>), unless it was closed before the rename:
    /// then its report keeps the old name alone, as it was closed.
    /// </summary>
    private static async Task EnsureRenameYearAsync(AppDbContext db, FiscalYear from)
    {
        var period = await db.Plans.AsNoTracking()
            .GroupBy(_ => 1)
            .Select(g => new { Start = g.Min(p => p.StartYear), End = g.Max(p => p.EndYear) })
            .SingleOrDefaultAsync();
        if (period is not null && (from.Year < period.Start || from.Year > period.End))
        {
            throw new DomainRuleException($"名称変更の年度は、計画の期間（{new FiscalYear(period.Start).Label}～{new FiscalYear(period.End).Label}）の中から選んでください。");
        }
        var lastClosed = await db.PlanYears.AsNoTracking().Where(y => y.State == PlanYearState.Closed && y.FiscalYear >= from.Year)
            .MaxAsync(y => (int?)y.FiscalYear);
        if (lastClosed is { } closed)
        {
            throw new DomainRuleException($"{new FiscalYear(closed).Label}は確定済みのため、{from.Label}からの名称変更はできません（確定した報告書の部署名が変わります）。{new FiscalYear(closed + 1).Label}以降から選んでください。");
        }
    }

    /// <summary>
    /// Merges <paramref name="id"/> into <paramref name="targetId"/>: its items and its users move to the target,
    /// and it is deactivated. Evaluations already written keep the department they were written by.
    /// </summary>
    public Task MergeAsync(int id, int targetId, FiscalYear from)
    {
        principal.EnsureAdmin();
        return log.RunAsync("department.merge", new { departmentId = id, targetId, fiscalYear = from.Year }, async () =>
        {
            if (id == targetId)
            {
                throw new DomainRuleException("統合先には別の部署を選んでください。");
            }
            await using var db = await databases.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var source = await TrackedAsync(db, id);
            var target = await TrackedAsync(db, targetId);
            if (!target.IsActive)
            {
                throw new DomainRuleException($"統合先の「{target.Name}」は無効になっています。");
            }
            var itemIds = await db.ItemDepartments.Where(l => l.DepartmentId == id).Select(l => l.ItemId).ToListAsync();
            await MoveAsync(db, id, targetId, itemIds);
            var users = await db.UserDepartments.Where(u => u.DepartmentId == id).ToListAsync();
            var alreadyInTarget = await db.UserDepartments.Where(u => u.DepartmentId == targetId).Select(u => u.UserId).ToListAsync();
            db.UserDepartments.RemoveRange(users);
            db.UserDepartments.AddRange(users.Where(u => !alreadyInTarget.Contains(u.UserId)).Select(u => new UserDepartment { UserId = u.UserId, DepartmentId = targetId }));
            source.Deactivate();
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), null, actor.UserName, nameof(Department), id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Merged")
                .WithComment($"「{source.Name}」を{from.Label}から「{target.Name}」に統合（項目{itemIds.Count}件、職員{users.Count}人を移動）"));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });
    }

    /// <summary>分割: moves the chosen items from one department to another (e.g. a new one).</summary>
    public Task MoveItemsAsync(int id, int targetId, IReadOnlyCollection<int> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        principal.EnsureAdmin();
        return log.RunAsync("department.move-items", new { departmentId = id, targetId, itemIds }, async () =>
        {
            if (itemIds.Count == 0)
            {
                throw new DomainRuleException("移動する項目を1件以上選んでください。");
            }
            await using var db = await databases.CreateDbContextAsync();
            await MoveAsync(db, id, targetId, itemIds);
            await db.SaveChangesAsync();
        });
    }

    private static async Task MoveAsync(AppDbContext db, int id, int targetId, IReadOnlyCollection<int> itemIds)
    {
        if (id == targetId)
        {
            throw new DomainRuleException("移動先には別の部署を選んでください。");
        }
        _ = await TrackedAsync(db, targetId);
        var links = await db.ItemDepartments.Where(l => l.DepartmentId == id && itemIds.Contains(l.ItemId)).ToListAsync();
        if (links.Count != itemIds.Distinct().Count())
        {
            throw new DomainRuleException("この部署の担当ではない項目が含まれています。画面を開き直してください。");
        }
        var items = await db.ActionItems.Include(i => i.Departments).Where(i => itemIds.Contains(i.Id)).ToListAsync();
        foreach (var item in items)
        {
            item.TransferDepartment(id, targetId);
        }
    }

    private static async Task<Department> TrackedAsync(AppDbContext db, int id) =>
        await db.Departments.Include(d => d.FormerNames).SingleOrDefaultAsync(d => d.Id == id) ?? throw new NotFoundException();

    private static async Task EnsureUniqueAsync(AppDbContext db, string? code, string name, int? except)
    {
        var trimmedName = name?.Trim() ?? string.Empty;
        if (await db.Departments.AnyAsync(d => d.Name == trimmedName && d.Id != except))
        {
            throw new DomainRuleException($"部署名「{trimmedName}」は既に使われています。");
        }
        var trimmedCode = code?.Trim();
        if (trimmedCode is { Length: > 0 } && await db.Departments.AnyAsync(d => d.Code == trimmedCode && d.Id != except))
        {
            throw new DomainRuleException($"部署コード「{trimmedCode}」は既に使われています。");
        }
    }
}
