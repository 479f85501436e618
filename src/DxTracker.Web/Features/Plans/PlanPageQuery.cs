using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Plans;

internal sealed record PolicyView(int Id, int Number, string Title, IReadOnlyList<CategoryView> Categories);

internal sealed record CategoryView(int Id, string Number, string Title);

/// <summary>A department as the filter offers it: named as it was called in the chosen year.</summary>
internal sealed record DepartmentOption(int Id, string Name);

/// <summary>One line of the items table.</summary>
internal sealed record ItemRow(
    int Id,
    int PolicyId,
    int? CategoryId,
    string Number,
    string Title,
    int SortOrder,
    bool Active,
    string LifecycleLabel,
    EvaluationStatus? Status,
    string? SelfRating,
    string? FinalRating,
    string LeadDepartment,
    string LeadReading,
    IReadOnlyList<string> RelatedDepartments,
    IReadOnlyList<int> DepartmentIds)
{
    public string? EffectiveRating => FinalRating ?? SelfRating;

    /// <summary>The reviewer's rating, only where it differs from the self-rating.</summary>
    public string? RevisedRating => FinalRating is not null && FinalRating != SelfRating ? FinalRating : null;
}

/// <summary>The items of a policy, grouped by 取組 category where the plan uses them (Category null: none).</summary>
internal sealed record PolicySection(PolicyView Policy, IReadOnlyList<(CategoryView? Category, IReadOnlyList<ItemRow> Items)> Groups)
{
    public int Count => Groups.Sum(g => g.Items.Count);
}

internal sealed record PlanPageData(
    FiscalYear Year,
    PlanYearSummary Summary,
    IReadOnlyList<PolicyView> Policies,
    IReadOnlyList<DepartmentOption> Departments,
    IReadOnlyList<PolicySection> Sections,
    PlanPageFilter Filter,
    int ItemCount,
    int ShownCount);

/// <summary>
/// The plan page for one year in a fixed number of queries whatever the plan's size: policies, the items
/// with their departments and that year's evaluation, and the departments with their former names.
/// Filtering and sorting happen here on the server over those rows, as the grade summary needs them all.
/// </summary>
internal static class PlanPageQuery
{
    public static async Task<PlanPageData> LoadAsync(AppDbContext db, PlanHeader plan, FiscalYear year, PlanPageFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(filter);
        var fiscalYear = year.Year;

        var policies = await db.Policies.AsNoTracking()
            .Where(p => p.PlanId == plan.Id)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Number)
            .Select(p => new PolicyView(p.Id, p.Number, p.Title,
                p.Categories.OrderBy(c => c.SortOrder).Select(c => new CategoryView(c.Id, c.Number, c.Title)).ToList()))
            .ToListAsync(cancellationToken);

        var rows = await (
            from i in db.ActionItems.AsNoTracking().Where(i => i.PlanId == plan.Id)
            join e in db.Evaluations.AsNoTracking().Where(e => e.FiscalYear == fiscalYear) on i.Id equals e.ItemId into evaluations
            from e in evaluations.DefaultIfEmpty()
            select new
            {
                i.Id,
                i.PolicyId,
                i.CategoryId,
                i.Number,
                i.Title,
                i.SortOrder,
                i.Status,
                i.StatusYear,
                EvaluationStatus = (EvaluationStatus?)e.Status,
                e.SelfRating,
                e.FinalRating,
                Departments = i.Departments.OrderBy(d => d.SortOrder).Select(d => new { d.DepartmentId, d.Role }).ToList(),
            })
            .ToListAsync(cancellationToken);

        var departmentIds = rows.SelectMany(r => r.Departments.Select(d => d.DepartmentId)).Distinct().ToList();
        var departments = (await db.Departments.AsNoTracking()
            .Include(d => d.FormerNames)
            .Where(d => departmentIds.Contains(d.Id))
            .ToListAsync(cancellationToken))
            .ToDictionary(d => d.Id);

        var items = rows.Select(r =>
        {
            var lead = r.Departments.FirstOrDefault(d => d.Role == DepartmentRole.Lead) ?? r.Departments.FirstOrDefault();
            var leadDepartment = lead is null ? null : departments[lead.DepartmentId];
            var active = ActionItem.IsActive(r.Status, r.StatusYear, year);
            return new ItemRow(
                r.Id, r.PolicyId, r.CategoryId, r.Number, r.Title, r.SortOrder, active,
                ActionItem.LabelFor(r.Status, r.StatusYear),
                active ? r.EvaluationStatus : null,
                active ? r.SelfRating : null,
                active ? r.FinalRating : null,
                leadDepartment?.NameIn(year) ?? string.Empty,
                leadDepartment?.Reading ?? string.Empty,
                r.Departments.Where(d => d != lead).Select(d => departments[d.DepartmentId].NameIn(year)).ToList(),
                r.Departments.Select(d => d.DepartmentId).ToList());
        }).ToList();

        var summary = GradeSummary.Compute(plan, items.Select(i => new ItemYearState(i.Id, i.PolicyId, i.Active, i.Status, i.SelfRating, i.FinalRating)));

        var options = departments.Values
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Reading, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new DepartmentOption(d.Id, d.NameIn(year)))
            .ToList();
        // Conditions naming something this plan does not have are dropped rather than matching nothing.
        filter = filter with
        {
            Policy = policies.Any(p => p.Number == filter.Policy) ? filter.Policy : null,
            Department = departments.ContainsKey(filter.Department ?? 0) ? filter.Department : null,
            Grade = filter.Grade == PlanPageFilter.NoGrade || plan.Grade(filter.Grade) is not null ? filter.Grade : null,
        };

        var shown = Sort(items.Where(i => Matches(i, filter, policies)), filter.Sort, plan).ToList();
        var sections = policies
            .Select(p => new PolicySection(p, Group(p, shown.Where(i => i.PolicyId == p.Id).ToList())))
            .Where(s => s.Count > 0)
            .ToList();
        return new PlanPageData(year, summary, policies, options, sections, filter, items.Count, shown.Count);
    }

    private static bool Matches(ItemRow item, PlanPageFilter filter, IReadOnlyList<PolicyView> policies)
    {
        if (filter.Policy is { } number && policies.First(p => p.Number == number).Id != item.PolicyId)
        {
            return false;
        }
        if (filter.Department is { } department && !item.DepartmentIds.Contains(department))
        {
            return false;
        }
        if (filter.Status is { } status)
        {
            var wanted = status == PlanPageFilter.Inactive
                ? !item.Active
                : item.Active && (item.Status ?? EvaluationStatus.NotStarted) == filter.WantedStatus;
            if (!wanted)
            {
                return false;
            }
        }
        if (filter.Grade is { } grade)
        {
            return grade == PlanPageFilter.NoGrade
                ? item.Active && item.EffectiveRating is null
                : item.EffectiveRating == grade;
        }
        return true;
    }

    private static IEnumerable<ItemRow> Sort(IEnumerable<ItemRow> items, string sort, PlanHeader plan) => sort switch
    {
        "title" => items.OrderBy(i => i.Title, StringComparer.Ordinal).ThenBy(i => i.SortOrder),
        "dept" => items.OrderBy(i => i.LeadReading.Length == 0).ThenBy(i => i.LeadReading, StringComparer.Ordinal).ThenBy(i => i.SortOrder),
        "grade" => items.OrderBy(i => plan.Grade(i.EffectiveRating)?.SortOrder ?? int.MaxValue).ThenBy(i => i.SortOrder),
        "status" => items.OrderBy(i => i.Active ? (int)(i.Status ?? EvaluationStatus.NotStarted) : int.MaxValue).ThenBy(i => i.SortOrder),
        _ => items.OrderBy(i => i.SortOrder),
    };

    private static List<(CategoryView?, IReadOnlyList<ItemRow>)> Group(PolicyView policy, List<ItemRow> items)
    {
        var groups = new List<(CategoryView?, IReadOnlyList<ItemRow>)>();
        var uncategorized = items.Where(i => i.CategoryId is null || policy.Categories.All(c => c.Id != i.CategoryId)).ToList();
        if (uncategorized.Count > 0)
        {
            groups.Add((null, uncategorized));
        }
        foreach (var category in policy.Categories)
        {
            var inCategory = items.Where(i => i.CategoryId == category.Id).ToList();
            if (inCategory.Count > 0)
            {
                groups.Add((category, inCategory));
            }
        }
        return groups;
    }
}
