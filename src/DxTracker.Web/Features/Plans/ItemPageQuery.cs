using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Plans;

public sealed record ItemDetail(
    int Id,
    string Number,
    string Title,
    string Content,
    string Goal,
    string Overview,
    string Purpose,
    string Outcome,
    ItemStatus Status,
    int? StatusYear,
    string StatusReason,
    int PolicyNumber,
    string PolicyTitle,
    string? CategoryNumber,
    string? CategoryTitle,
    int? PredecessorItemId,
    int? PredecessorPlanId,
    string? PredecessorPlanName,
    string? PredecessorNumber,
    string? PredecessorTitle,
    int? MergedIntoItemId,
    string? MergedIntoNumber,
    string? MergedIntoTitle)
{
    public string LifecycleLabel => ActionItem.LabelFor(Status, StatusYear);

    public bool IsActiveIn(FiscalYear year) => ActionItem.IsActive(Status, StatusYear, year);
}

public sealed record ItemDepartmentView(int DepartmentId, DepartmentRole Role);

/// <summary>An item merged into this one (移行), with the year it moved and the note given.</summary>
public sealed record MergedFromView(int Id, string Number, string Title, int? FromYear, string Reason);

public sealed record KpiView(
    int Id,
    string Name,
    string Unit,
    KpiDirection Direction,
    string BaselineText,
    int? BaselineYear,
    int? FromYear,
    int? ToYear,
    IReadOnlyList<KpiValueView> Values)
{
    public bool AppliesTo(int fiscalYear) => (FromYear is null || fiscalYear >= FromYear) && (ToYear is null || fiscalYear <= ToYear);

    public KpiValueView? ValueIn(int fiscalYear) => Values.FirstOrDefault(v => v.FiscalYear == fiscalYear);
}

public sealed record KpiValueView(
    int FiscalYear, decimal? PlannedValue, string PlannedText, decimal? ActualValue, string ActualText, bool ActualNotMeasured, string PlannedName, string ActualName);

public sealed record EvaluationView(
    int FiscalYear,
    EvaluationStatus Status,
    string? SelfRating,
    string? FinalRating,
    string FinalRatingReason,
    string ReturnComment,
    IReadOnlyList<EvaluationPartView> Parts)
{
    public string? RevisedRating => FinalRating is not null && FinalRating != SelfRating ? FinalRating : null;
}

public sealed record EvaluationPartView(int DepartmentId, string ResultText, string ImprovementText);

public sealed record ItemPageData(
    ItemDetail Item,
    IReadOnlyList<ItemDepartmentView> Departments,
    IReadOnlyDictionary<int, string> Schedule,
    IReadOnlyList<KpiView> Kpis,
    IReadOnlyList<EvaluationView> Evaluations,
    IReadOnlyDictionary<int, Department> DepartmentsById,
    bool DraftsHidden = false)
{
    /// <summary>The items merged into this one (移行元), shown with their note.</summary>
    public IReadOnlyList<MergedFromView> MergedFrom { get; init; } = [];

    /// <summary>A department's name in a year (組織改正 renames), or a placeholder for a department that no longer exists.</summary>
    public string DepartmentName(int departmentId, FiscalYear year) =>
        DepartmentsById.TryGetValue(departmentId, out var department) ? department.NameIn(year) : "（不明な部署）";
}

/// <summary>The item page as loaded: the plan's header, the item, and the plan's years that take entries or reviews now.</summary>
public sealed record ItemPageResult(PlanHeader Plan, ItemPageData Data, IReadOnlyList<int> OpenYears);

/// <summary>
/// The item page in a fixed number of queries: the plan header, the item, its departments, schedule, KPIs, evaluations,
/// department names and the open years. What is not yet approved (texts, KPI actuals, ratings, return comments) reaches
/// only those who may read drafts (<see cref="Infrastructure.Auth.Access.MayReadDrafts"/>); the others get approved
/// content only, decided here on the server.
/// </summary>
public sealed class ItemPageQuery(IDbContextFactory<AppDbContext> databases, Evaluations.CurrentUser user)
{
    /// <summary>Null when the plan has no such item.</summary>
    public async Task<ItemPageResult?> LoadAsync(int planId, int itemId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var plan = await PlanHeader.LoadAsync(db, planId, cancellationToken);
        var data = plan is null ? null : await LoadItemAsync(db, planId, itemId, cancellationToken);
        if (data is not null && !await user.MayReadDraftsAsync(data.Departments.Select(d => d.DepartmentId)))
        {
            data = ApprovedOnly(data);
        }
        if (plan is null || data is null)
        {
            return null;
        }
        var years = await db.PlanYears.AsNoTracking()
            .Where(y => y.PlanId == planId && (y.State == PlanYearState.Open || y.State == PlanYearState.InReview))
            .OrderBy(y => y.FiscalYear).Select(y => y.FiscalYear).ToListAsync(cancellationToken);
        return new ItemPageResult(plan, data, years.Where(y => data.Item.IsActiveIn(new FiscalYear(y))).ToList());
    }

    /// <summary>The page as a viewer or another department reads it: approved evaluations (without return comments) and their years' KPI actuals.</summary>
    public static ItemPageData ApprovedOnly(ItemPageData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var approved = data.Evaluations.Where(e => e.Status == EvaluationStatus.Approved).Select(e => e with { ReturnComment = string.Empty }).ToList();
        var approvedYears = approved.Select(e => e.FiscalYear).ToHashSet();
        var kpis = data.Kpis.Select(k => k with
        {
            Values = k.Values.Select(v => approvedYears.Contains(v.FiscalYear)
                ? v
                : v with { ActualValue = null, ActualText = string.Empty, ActualNotMeasured = false, ActualName = string.Empty }).ToList(),
        }).ToList();
        return data with { Evaluations = approved, Kpis = kpis, DraftsHidden = true };
    }

    private static async Task<ItemPageData?> LoadItemAsync(AppDbContext db, int planId, int itemId, CancellationToken cancellationToken)
    {
        var item = await (
            from i in db.ActionItems.AsNoTracking().Where(i => i.Id == itemId && i.PlanId == planId)
            join p in db.Policies on i.PolicyId equals p.Id
            join c in db.Categories on i.CategoryId equals (int?)c.Id into categories
            from c in categories.DefaultIfEmpty()
            join pre in db.ActionItems on i.PredecessorItemId equals (int?)pre.Id into predecessors
            from pre in predecessors.DefaultIfEmpty()
            join prePlan in db.Plans on pre.PlanId equals prePlan.Id into predecessorPlans
            from prePlan in predecessorPlans.DefaultIfEmpty()
            join merged in db.ActionItems on i.MergedIntoItemId equals (int?)merged.Id into mergedItems
            from merged in mergedItems.DefaultIfEmpty()
            select new ItemDetail(
                i.Id, i.Number, i.Title, i.Content, i.Goal, i.Overview, i.Purpose, i.Outcome, i.Status, i.StatusYear, i.StatusReason,
                p.Number, p.Title, c.Number, c.Title,
                i.PredecessorItemId, (int?)pre.PlanId, prePlan.Name, pre.Number, pre.Title,
                i.MergedIntoItemId, merged.Number, merged.Title))
            .FirstOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return null;
        }

        // 主管 first: the role is stored by name, so order by the enum here rather than by its text in SQL.
        var departments = (await db.ItemDepartments.AsNoTracking()
            .Where(d => d.ItemId == itemId)
            .OrderBy(d => d.SortOrder)
            .Select(d => new ItemDepartmentView(d.DepartmentId, d.Role))
            .ToListAsync(cancellationToken))
            .OrderBy(d => d.Role)
            .ToList();

        var schedule = await db.Set<SchedulePhase>().AsNoTracking()
            .Where(s => s.ItemId == itemId)
            .ToDictionaryAsync(s => s.FiscalYear, s => s.Phase, cancellationToken);

        var kpis = await db.Kpis.AsNoTracking()
            .Where(k => k.ItemId == itemId)
            .OrderBy(k => k.SortOrder).ThenBy(k => k.Id)
            .Select(k => new KpiView(k.Id, k.Name, k.Unit, k.Direction, k.BaselineText, k.BaselineYear, k.FromYear, k.ToYear,
                k.Values.OrderBy(v => v.FiscalYear)
                    .Select(v => new KpiValueView(v.FiscalYear, v.PlannedValue, v.PlannedText, v.ActualValue, v.ActualText, v.ActualNotMeasured, v.PlannedName, v.ActualName))
                    .ToList()))
            .ToListAsync(cancellationToken);

        var evaluations = await db.Evaluations.AsNoTracking()
            .Where(e => e.ItemId == itemId)
            .OrderByDescending(e => e.FiscalYear)
            .Select(e => new EvaluationView(e.FiscalYear, e.Status, e.SelfRating, e.FinalRating, e.FinalRatingReason, e.ReturnComment,
                e.Parts.OrderBy(p => p.SortOrder)
                    .Select(p => new EvaluationPartView(p.DepartmentId, p.ResultText, p.ImprovementText))
                    .ToList()))
            .ToListAsync(cancellationToken);

        var departmentIds = departments.Select(d => d.DepartmentId)
            .Concat(evaluations.SelectMany(e => e.Parts.Select(p => p.DepartmentId)))
            .Distinct()
            .ToList();
        var departmentsById = await db.Departments.AsNoTracking()
            .Include(d => d.FormerNames)
            .Where(d => departmentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, cancellationToken);

        var mergedFrom = await db.ActionItems.AsNoTracking()
            .Where(i => i.MergedIntoItemId == itemId && i.Status == ItemStatus.Merged)
            .OrderBy(i => i.SortOrder)
            .Select(i => new MergedFromView(i.Id, i.Number, i.Title, i.StatusYear, i.StatusReason))
            .ToListAsync(cancellationToken);

        return new ItemPageData(item, departments, schedule, kpis, evaluations, departmentsById) { MergedFrom = mergedFrom };
    }
}
