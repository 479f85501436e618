using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>A department of an item, by its current name.</summary>
public sealed record ItemDepartmentRow(int DepartmentId, string Name, DepartmentRole Role);

/// <summary>An item as the plan's item list and schedule table show it.</summary>
public sealed record ItemRow(
    int Id,
    int PolicyId,
    int? CategoryId,
    string Number,
    string Title,
    int SortOrder,
    ItemStatus Status,
    int? StatusYear,
    string StatusLabel,
    IReadOnlyList<ItemDepartmentRow> Departments,
    IReadOnlyDictionary<int, string> Phases);

/// <summary>The plan, its policies and its items with departments and schedule, loaded with a fixed number of queries.</summary>
public sealed record ItemList(Plan Plan, IReadOnlyList<PolicyRow> Policies, IReadOnlyList<ItemRow> Items)
{
    public IEnumerable<ItemRow> ItemsOf(int policyId) => Items.Where(i => i.PolicyId == policyId);
}

/// <summary>What the item form edits (取組項目の内容と位置).</summary>
public sealed record ItemDetails(int PolicyId, int? CategoryId, string Number, int? SortOrder, string Title, string Content, string Goal, string Overview, string Purpose, string Outcome);

/// <summary>One item with everything its administration page edits.</summary>
public sealed record ItemPage(
    Plan Plan,
    ActionItem Item,
    IReadOnlyList<PolicyRow> Policies,
    IReadOnlyList<(int Id, string Name, bool IsActive)> Departments,
    IReadOnlyList<(int Id, string Number, string Title)> OtherItems,
    (int PlanId, string PlanName, int ItemId, string Number, string Title)? Predecessor,
    IReadOnlyList<(int PlanId, string PlanName, int ItemId, string Number, string Title)> Successors,
    string? MergedIntoLabel,
    IReadOnlySet<int> ClosedYears,
    int KpiCount);

/// <summary>取組項目の管理: content, place, departments, schedule and lifecycle. Administrators only; each action is one transaction.</summary>
public sealed class ItemAdministration(PlanAdminOperations operations)
{
    public Task<ItemList> ListAsync(int planId)
    {
        return operations.ReadAsync(async db =>
        {
            var plan = await db.Plans.AsNoTracking().Include(p => p.Years).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            var policies = await PlanAdministration.PoliciesAsync(db, planId);
            var items = await db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId).OrderBy(i => i.SortOrder).ThenBy(i => i.Number).ToListAsync();
            var departments = await db.ItemDepartments.AsNoTracking()
                .Where(l => db.ActionItems.Any(i => i.Id == l.ItemId && i.PlanId == planId))
                .Join(db.Departments, l => l.DepartmentId, d => d.Id, (l, d) => new { l.ItemId, l.DepartmentId, d.Name, l.Role, l.SortOrder })
                .ToListAsync();
            var phases = await db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId)
                .SelectMany(i => i.Schedule.Select(s => new { s.ItemId, s.FiscalYear, s.Phase })).ToListAsync();
            var policyOrder = policies.Select((p, index) => (p.Id, index)).ToDictionary(x => x.Id, x => x.index);
            var rows = items
                .OrderBy(i => policyOrder.GetValueOrDefault(i.PolicyId)).ThenBy(i => i.SortOrder)
                .Select(i => new ItemRow(
                    i.Id, i.PolicyId, i.CategoryId, i.Number, i.Title, i.SortOrder, i.Status, i.StatusYear, i.StatusLabel,
                    departments.Where(d => d.ItemId == i.Id).OrderBy(d => d.SortOrder).Select(d => new ItemDepartmentRow(d.DepartmentId, d.Name, d.Role)).ToList(),
                    phases.Where(p => p.ItemId == i.Id).ToDictionary(p => p.FiscalYear, p => p.Phase)))
                .ToList();
            return new ItemList(plan, policies, rows);
        });
    }

    public Task<ItemPage> GetAsync(int planId, int itemId)
    {
        return operations.ReadAsync(async db =>
        {
            var plan = await db.Plans.AsNoTracking().Include(p => p.Years).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            var item = await db.ActionItems.AsNoTracking().Include(i => i.Departments).Include(i => i.Schedule).AsSplitQuery()
                .SingleOrDefaultAsync(i => i.Id == itemId && i.PlanId == planId) ?? throw new NotFoundException();
            var policies = await PlanAdministration.PoliciesAsync(db, planId);
            var departments = (await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Reading).Select(d => new { d.Id, d.Name, d.IsActive }).ToListAsync())
                .Select(d => (d.Id, d.Name, d.IsActive)).ToList();
            var others = (await db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId && i.Id != itemId).OrderBy(i => i.SortOrder)
                .Select(i => new { i.Id, i.Number, i.Title }).ToListAsync()).Select(i => (i.Id, i.Number, i.Title)).ToList();
            var predecessor = item.PredecessorItemId is { } predecessorId
                ? await db.ActionItems.AsNoTracking().Where(i => i.Id == predecessorId)
                    .Join(db.Plans, i => i.PlanId, p => p.Id, (i, p) => new { PlanId = p.Id, PlanName = p.Name, ItemId = i.Id, i.Number, i.Title }).SingleOrDefaultAsync()
                : null;
            var successors = await db.ActionItems.AsNoTracking().Where(i => i.PredecessorItemId == itemId)
                .Join(db.Plans, i => i.PlanId, p => p.Id, (i, p) => new { PlanId = p.Id, PlanName = p.Name, ItemId = i.Id, i.Number, i.Title }).ToListAsync();
            var mergedInto = item.MergedIntoItemId is { } targetId ? others.Where(o => o.Id == targetId).Select(o => $"No.{o.Number} {o.Title}").FirstOrDefault() : null;
            return new ItemPage(
                plan, item, policies, departments, others,
                predecessor is null ? null : (predecessor.PlanId, predecessor.PlanName, predecessor.ItemId, predecessor.Number, predecessor.Title),
                successors.Select(s => (s.PlanId, s.PlanName, s.ItemId, s.Number, s.Title)).ToList(),
                mergedInto,
                plan.Years.Where(y => y.IsClosed).Select(y => y.FiscalYear).ToHashSet(),
                await db.Kpis.CountAsync(k => k.ItemId == itemId));
        });
    }

    public Task<int> CreateAsync(int planId, ItemDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return operations.ChangeAsync("item.create", new { planId, details.Number }, async db =>
        {
            var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            await CheckPlaceAsync(db, plan, details, null);
            var sortOrder = details.SortOrder ?? (await db.ActionItems.Where(i => i.PlanId == planId).MaxAsync(i => (int?)i.SortOrder) ?? 0) + 1;
            var item = new ActionItem(planId, details.PolicyId, details.Number, details.Title, sortOrder);
            item.Place(details.PolicyId, details.CategoryId, details.Number, sortOrder);
            item.Describe(details.Title, details.Content, details.Goal, details.Overview, details.Purpose, details.Outcome);
            db.ActionItems.Add(item);
            await AdminSave.SaveAsync(db);
            return item.Id;
        });
    }

    public Task UpdateAsync(int planId, int itemId, ItemDetails details, uint? version)
    {
        ArgumentNullException.ThrowIfNull(details);
        return operations.ChangeAsync("item.update", new { planId, itemId }, async db =>
        {
            await DescribeAsync(db, planId, itemId, details, version);
            await AdminSave.SaveAsync(db);
        });
    }

    /// <summary>Sets the item's departments; only active departments can be newly assigned.</summary>
    public Task SetDepartmentsAsync(int planId, int itemId, IReadOnlyList<(int DepartmentId, DepartmentRole Role)> departments)
    {
        ArgumentNullException.ThrowIfNull(departments);
        return operations.ChangeAsync("item.departments", new { planId, itemId }, async db =>
        {
            await AssignAsync(db, planId, itemId, departments);
            await AdminSave.SaveAsync(db);
        });
    }

    /// <summary>
    /// Sets the schedule: one phase (or none) per fiscal year of the plan. A phase must be one of the plan's phase
    /// names, or the one the item already has for that year (kept from an import).
    /// </summary>
    public Task SetScheduleAsync(int planId, int itemId, IReadOnlyDictionary<int, string?> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        return operations.ChangeAsync("item.schedule", new { planId, itemId }, async db =>
        {
            await ScheduleAsync(db, planId, itemId, phases);
            await AdminSave.SaveAsync(db);
        });
    }

    /// <summary>
    /// The item page's one save: content and place, departments and schedule together, in one transaction, so that
    /// no section's typed changes are lost when another is saved (and a refusal in one keeps all of them unsaved).
    /// </summary>
    public Task SaveAsync(int planId, int itemId, ItemDetails details, uint? version, IReadOnlyList<(int DepartmentId, DepartmentRole Role)> departments, IReadOnlyDictionary<int, string?> phases)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(phases);
        return operations.ChangeAsync("item.save", new { planId, itemId }, async db =>
        {
            await DescribeAsync(db, planId, itemId, details, version);
            await AssignAsync(db, planId, itemId, departments);
            await ScheduleAsync(db, planId, itemId, phases);
            await AdminSave.SaveAsync(db);
        });
    }

    /// <summary>
    /// 完了・廃止・削除・移行, or back to 実施中. The item keeps its history. Years whose report is closed must not
    /// gain or lose the item, and a year that already has a written evaluation cannot lose it.
    /// </summary>
    public Task ChangeStatusAsync(int planId, int itemId, ItemStatus status, FiscalYear? year, string reason, int? mergeTargetId, uint? version)
    {
        return operations.ChangeAsync("item.status", new { planId, itemId, status, fiscalYear = year?.Year, mergeTargetId }, async db =>
        {
            var plan = await db.Plans.AsNoTracking().Include(p => p.Years).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            var item = await TrackedAsync(db, planId, itemId);
            AdminSave.ExpectVersion(db, item, version, ("状態", item.StatusLabel, ActionItem.LabelFor(status, year?.Year)));
            if (status != ItemStatus.Active)
            {
                if (year is not { } y)
                {
                    throw new FieldRuleException("Year", "年度を入力してください。");
                }
                if (!plan.Contains(y))
                {
                    throw new FieldRuleException("Year", $"{y.Label}は計画期間（{plan.PeriodLabel}）の外です。");
                }
            }

            var before = ActionItem.FirstInactiveYear(item.Status, item.StatusYear);
            var after = ActionItem.FirstInactiveYear(status, year?.Year);
            if (before != after)
            {
                var from = Math.Min(before ?? int.MaxValue, after ?? int.MaxValue);
                var to = Math.Max(before ?? int.MaxValue, after ?? int.MaxValue);
                if (plan.Years.Where(x => x.IsClosed && x.FiscalYear >= from && x.FiscalYear < to).OrderBy(x => x.FiscalYear).FirstOrDefault() is { } closed)
                {
                    throw new FieldRuleException("Year", $"{closed.Year.Label}は確定済みのため、その年度の報告が変わる変更はできません。{closed.Year.Label}より後の年度を指定してください。");
                }
                if (after is { } inactiveFrom && (before is null || inactiveFrom < before))
                {
                    var written = await db.Evaluations.AsNoTracking()
                        .Where(e => e.ItemId == itemId && e.FiscalYear >= inactiveFrom && e.FiscalYear < to && e.Status != EvaluationStatus.NotStarted)
                        .OrderBy(e => e.FiscalYear).Select(e => (int?)e.FiscalYear).FirstOrDefaultAsync();
                    if (written is { } w)
                    {
                        throw new FieldRuleException("Year", $"{new FiscalYear(w).Label}の評価が既に入力されているため、その年度を評価の対象外にはできません。{new FiscalYear(w).Label}より後の年度を指定してください。");
                    }
                }
            }

            if (status == ItemStatus.Merged)
            {
                await MergeAsync(db, item, mergeTargetId, year!.Value, reason);
            }
            else
            {
                try
                {
                    item.ChangeStatus(status, year, reason);
                }
                catch (DomainRuleException e) when (status == ItemStatus.Deleted)
                {
                    // What 削除 refuses (a missing reason) belongs to the reason field.
                    throw new FieldRuleException("Reason", e.Message);
                }
            }
            await AdminSave.SaveAsync(db);
        });
    }

    private static async Task DescribeAsync(AppDbContext db, int planId, int itemId, ItemDetails details, uint? version)
    {
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
        var item = await TrackedAsync(db, planId, itemId);
        AdminSave.ExpectVersion(db, item, version,
            ("番号", item.Number, details.Number), ("名称", item.Title, details.Title), ("取組内容", item.Content, details.Content),
            ("目標", item.Goal, details.Goal), ("概要", item.Overview, details.Overview), ("目的", item.Purpose, details.Purpose),
            ("成果目標", item.Outcome, details.Outcome));
        await CheckPlaceAsync(db, plan, details, itemId);
        item.Place(details.PolicyId, details.CategoryId, details.Number, details.SortOrder ?? item.SortOrder);
        item.Describe(details.Title, details.Content, details.Goal, details.Overview, details.Purpose, details.Outcome);
    }

    private static async Task AssignAsync(AppDbContext db, int planId, int itemId, IReadOnlyList<(int DepartmentId, DepartmentRole Role)> departments)
    {
        var item = await TrackedAsync(db, planId, itemId, withDepartments: true);
        var ids = departments.Select(d => d.DepartmentId).ToList();
        var known = await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Name, d.IsActive }).ToListAsync();
        if (known.Count != ids.Distinct().Count())
        {
            throw new DomainRuleException("存在しない部署が選ばれています。画面を開き直してください。");
        }
        if (known.FirstOrDefault(d => !d.IsActive && item.Departments.All(x => x.DepartmentId != d.Id)) is { } inactive)
        {
            throw new DomainRuleException($"「{inactive.Name}」は無効になった部署のため、新たに担当にできません。");
        }
        // 主管 first, then 関係, each in the order the form listed them.
        var ordered = departments.Select((d, i) => (d, i)).OrderBy(x => x.d.Role).ThenBy(x => x.i).Select(x => x.d).ToList();
        item.SetDepartments(ordered);
    }

    private static async Task ScheduleAsync(AppDbContext db, int planId, int itemId, IReadOnlyDictionary<int, string?> phases)
    {
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
        var item = await db.ActionItems.Include(i => i.Schedule).SingleOrDefaultAsync(i => i.Id == itemId && i.PlanId == planId) ?? throw new NotFoundException();
        foreach (var (year, text) in phases.OrderBy(p => p.Key))
        {
            var fiscalYear = new FiscalYear(year);
            var phase = text?.Trim() ?? string.Empty;
            if (!plan.Contains(fiscalYear))
            {
                if (phase.Length > 0)
                {
                    throw new DomainRuleException($"スケジュールの{fiscalYear.Label}は計画期間（{plan.PeriodLabel}）の外です。");
                }
                continue;
            }
            var current = item.Schedule.FirstOrDefault(s => s.FiscalYear == year)?.Phase;
            if (phase.Length > 0 && phase != current && !plan.Phases.Contains(phase))
            {
                throw new DomainRuleException($"{fiscalYear.Label}の段階「{phase}」はこの計画の段階（{string.Join("、", plan.Phases)}）にありません。");
            }
            item.SetPhase(fiscalYear, phase);
        }
    }

    private static async Task MergeAsync(AppDbContext db, ActionItem item, int? targetId, FiscalYear year, string reason)
    {
        if (targetId is not { } id)
        {
            throw new FieldRuleException("MergeTargetId", "統合先の項目を選んでください。");
        }
        if (id == item.Id)
        {
            throw new FieldRuleException("MergeTargetId", "項目を自分自身に統合することはできません。");
        }
        var target = await db.ActionItems.SingleOrDefaultAsync(i => i.Id == id) ?? throw new FieldRuleException("MergeTargetId", "統合先の項目が見つかりません。");
        if (!target.IsActiveIn(year))
        {
            throw new FieldRuleException("MergeTargetId", $"統合先の No.{target.Number} は{year.Label}に実施中ではありません（{target.StatusLabel}）。");
        }
        try
        {
            item.MergeInto(target, year, reason);
        }
        catch (DomainRuleException e)
        {
            throw new FieldRuleException("MergeTargetId", e.Message);
        }
    }

    private static async Task CheckPlaceAsync(AppDbContext db, Plan plan, ItemDetails details, int? itemId)
    {
        var number = details.Number?.Trim() ?? string.Empty;
        if (number.Length > 0 && await db.ActionItems.AnyAsync(i => i.PlanId == plan.Id && i.Number == number && i.Id != itemId))
        {
            throw new FieldRuleException("Number", $"No.{number} はこの計画に既にあります。番号が重複しないようにしてください。");
        }
        var policy = await db.Policies.AsNoTracking().Include(p => p.Categories).SingleOrDefaultAsync(p => p.Id == details.PolicyId && p.PlanId == plan.Id)
            ?? throw new FieldRuleException("PolicyId", $"{plan.PolicyLabel}を選んでください。");
        if (details.CategoryId is { } categoryId && policy.Categories.All(c => c.Id != categoryId))
        {
            throw new FieldRuleException("CategoryId", $"{plan.CategoryLabel}は、選んだ{plan.PolicyLabel}のものを選んでください。");
        }
    }

    private static async Task<ActionItem> TrackedAsync(AppDbContext db, int planId, int itemId, bool withDepartments = false)
    {
        var query = db.ActionItems.Where(i => i.Id == itemId && i.PlanId == planId);
        if (withDepartments)
        {
            query = query.Include(i => i.Departments);
        }
        return await query.SingleOrDefaultAsync() ?? throw new NotFoundException();
    }
}
