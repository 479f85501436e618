using System.Linq.Expressions;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Plans;

public sealed record PolicyView(int Id, int Number, string Title, IReadOnlyList<CategoryView> Categories);

public sealed record CategoryView(int Id, string Number, string Title);

/// <summary>A department as the filter offers it: named as it was called in the chosen year.</summary>
public sealed record DepartmentOption(int Id, string Name);

/// <summary>One line of the items table.</summary>
public sealed record ItemRow(
    int Id,
    int PolicyId,
    int? CategoryId,
    string Number,
    string Title,
    bool Active,
    string LifecycleLabel,
    EvaluationStatus? Status,
    string? SelfRating,
    string? FinalRating,
    IReadOnlyList<string> LeadDepartments,
    IReadOnlyList<string> RelatedDepartments)
{
    /// <summary>The reviewer's rating, only where it differs from the self-rating.</summary>
    public string? RevisedRating => FinalRating is not null && FinalRating != SelfRating ? FinalRating : null;
}

/// <summary>One page of the plan page's list, with what the filters and the grade summary need.</summary>
public sealed record PlanPageData(
    FiscalYear Year,
    PlanYearSummary Summary,
    IReadOnlyList<PolicyView> Policies,
    IReadOnlyList<DepartmentOption> Departments,
    IReadOnlyList<ItemRow> Rows,
    IReadOnlyDictionary<int, int> ShownByPolicy,
    PlanPageFilter Filter,
    int ItemCount,
    int Page,
    int PageSize)
{
    public int ShownCount => ShownByPolicy.Values.Sum();

    public int PageCount => Math.Max(1, (ShownCount + PageSize - 1) / PageSize);

    public PolicyView? Policy(int policyId) => Policies.FirstOrDefault(p => p.Id == policyId);

    public CategoryView? Category(int policyId, int? categoryId) => Policy(policyId)?.Categories.FirstOrDefault(c => c.Id == categoryId);
}

/// <summary>The plan page as loaded: the plan, the year shown, and either the list or why the year cannot be shown.</summary>
public sealed record PlanPageResult(PlanHeader Plan, int SelectedYear, string? YearError, PlanPageData? Data);

/// <summary>
/// The plan page for one year, one page of rows at a time, in a fixed number of queries whatever the plan's size:
/// the header, the policies, every item's state for the grade summary, the plan's departments, the matching
/// items counted per policy, and the page of rows. Filtering, sorting and paging happen in the database.
/// </summary>
public sealed class PlanPageQuery(IDbContextFactory<AppDbContext> databases, Evaluations.CurrentUser user)
{
    public const int PageSize = 50;

    /// <summary>Sorts after every kana reading in the "C" collation: for items whose department has no reading.</summary>
    private const string LastReading = "\uFFFF";

    /// <summary>
    /// Null when there is no such plan. Given the page as it is shown (<paramref name="shown"/>), a change of the
    /// conditions within the same plan and year reuses its header, policies, departments and grade summary and reads
    /// only the matching counts and the page of rows (two queries instead of six); those parts are read again when the
    /// page is opened or another year is chosen.
    /// </summary>
    public async Task<PlanPageResult?> LoadAsync(int planId, string? yearText, PlanPageFilter filter, int page, PlanPageResult? shown = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var readers = await DraftReadersAsync();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (shown is { Data: { } current, YearError: null } && shown.Plan.Id == planId
            && SelectYear(shown.Plan, yearText) is (var year, null) && year == shown.SelectedYear)
        {
            var rows = await LoadRowsAsync(db, shown.Plan, current.Year, current.Policies, current.Departments, filter, page, readers, cancellationToken);
            return shown with
            {
                Data = current with { Rows = rows.Rows, ShownByPolicy = rows.ShownByPolicy, Filter = rows.Filter, Page = rows.Page },
            };
        }
        var plan = await PlanHeader.LoadAsync(db, planId, cancellationToken);
        if (plan is null)
        {
            return null;
        }
        var (selectedYear, yearError) = SelectYear(plan, yearText);
        if (yearError is not null)
        {
            return new PlanPageResult(plan, selectedYear, yearError, null);
        }
        var data = await LoadYearAsync(db, plan, new FiscalYear(selectedYear), filter, page, readers, cancellationToken);
        return new PlanPageResult(plan, selectedYear, null, data);
    }

    /// <summary>
    /// The year the address asks for (the plan's default year when it names none), or the default year and why the
    /// one it names cannot be shown.
    /// </summary>
    private static (int Year, string? Error) SelectYear(PlanHeader plan, string? yearText)
    {
        if (string.IsNullOrWhiteSpace(yearText))
        {
            return (plan.DefaultYear, null);
        }
        if (!FiscalYear.TryParse(yearText, out var requested))
        {
            return (plan.DefaultYear, $"年度「{yearText.Trim()}」を読み取れません。一覧から年度を選んでください。");
        }
        if (!plan.Contains(requested.Year))
        {
            return (plan.DefaultYear, $"{requested.Label}は、この計画の期間（{plan.PeriodLabel}）に含まれません。一覧から年度を選んでください。");
        }
        return (requested.Year, null);
    }

    /// <summary>
    /// Whose unapproved ratings this user reads on the plan page (<see cref="Infrastructure.Auth.Access.MayReadDrafts"/>):
    /// every item's for the office and administrators, the own departments' items for an editor, none for a viewer.
    /// The rows, the grade filter and the grade order all use only the ratings the user may read.
    /// </summary>
    private sealed record DraftReaders(bool All, IReadOnlyList<int> Departments);

    private async Task<DraftReaders> DraftReadersAsync()
    {
        var principal = await user.PrincipalAsync();
        if (Infrastructure.Auth.Access.IsReviewer(principal))
        {
            return new DraftReaders(true, []);
        }
        return new DraftReaders(false, Infrastructure.Auth.Access.IsEditor(principal) ? [.. await user.DepartmentIdsAsync()] : []);
    }

    private static async Task<PlanPageData> LoadYearAsync(AppDbContext db, PlanHeader plan, FiscalYear year, PlanPageFilter filter, int page, DraftReaders readers, CancellationToken cancellationToken)
    {
        var policies = await db.Policies.AsNoTracking()
            .Where(p => p.PlanId == plan.Id)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Number)
            .Select(p => new PolicyView(p.Id, p.Number, p.Title,
                p.Categories.OrderBy(c => c.SortOrder).Select(c => new CategoryView(c.Id, c.Number, c.Title)).ToList()))
            .ToListAsync(cancellationToken);

        var states = await GradeSummary.LoadItemStatesAsync(db, plan.Id, year.Year, cancellationToken);
        var summary = GradeSummary.Compute(plan, states);

        var planItems = db.ActionItems.Where(i => i.PlanId == plan.Id);
        var departments = await db.Departments.AsNoTracking()
            .Include(d => d.FormerNames)
            .Where(d => planItems.SelectMany(i => i.Departments).Any(l => l.DepartmentId == d.Id))
            .ToDictionaryAsync(d => d.Id, cancellationToken);
        var options = departments.Values
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Reading, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new DepartmentOption(d.Id, d.NameIn(year)))
            .ToList();

        var rows = await LoadRowsAsync(db, plan, year, policies, options, filter, page, readers, cancellationToken);
        return new PlanPageData(year, summary, policies, options, rows.Rows, rows.ShownByPolicy, rows.Filter, states.Count, rows.Page, PageSize);
    }

    private sealed record RowsPage(IReadOnlyList<ItemRow> Rows, IReadOnlyDictionary<int, int> ShownByPolicy, PlanPageFilter Filter, int Page);

    /// <summary>The items matching the conditions, counted per policy, and one page of them.</summary>
    private static async Task<RowsPage> LoadRowsAsync(AppDbContext db, PlanHeader plan, FiscalYear year, IReadOnlyList<PolicyView> policies,
        IReadOnlyList<DepartmentOption> departments, PlanPageFilter filter, int page, DraftReaders readers, CancellationToken cancellationToken)
    {
        var names = departments.ToDictionary(d => d.Id, d => d.Name);

        // Conditions naming something this plan does not have are dropped rather than matching nothing.
        filter = filter with
        {
            Policy = policies.Any(p => p.Number == filter.Policy) ? filter.Policy : null,
            Department = names.ContainsKey(filter.Department ?? 0) ? filter.Department : null,
            Grade = filter.Grade == PlanPageFilter.NoGrade || plan.Grade(filter.Grade) is not null ? filter.Grade : null,
        };

        var matching = Matching(db, plan.Id, year.Year, filter, policies, readers);
        var shownByPolicy = await matching
            .GroupBy(x => x.Item.PolicyId)
            .Select(g => new { PolicyId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.PolicyId, g => g.Count, cancellationToken);
        var pageCount = Math.Max(1, (shownByPolicy.Values.Sum() + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);

        var rows = await Sorted(db, plan.Id, year.Year, matching, filter.Sort)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new
            {
                x.Item.Id,
                x.Item.PolicyId,
                x.Item.CategoryId,
                x.Item.Number,
                x.Item.Title,
                x.Item.Status,
                x.Item.StatusYear,
                EvaluationStatus = x.Evaluation == null ? (EvaluationStatus?)null : x.Evaluation.Status,
                SelfRating = x.Evaluation == null || !x.RatingReadable ? null : x.Evaluation.SelfRating,
                FinalRating = x.Evaluation == null || !x.RatingReadable ? null : x.Evaluation.FinalRating,
                Departments = x.Item.Departments.OrderBy(d => d.SortOrder).Select(d => new { d.DepartmentId, d.Role }).ToList(),
            })
            .ToListAsync(cancellationToken);

        var items = rows.Select(r =>
        {
            // 主管 (every one of them) and 関係 kept apart; an item without a lead lists its departments as they are.
            var leads = r.Departments.Any(d => d.Role == DepartmentRole.Lead) ? r.Departments.Where(d => d.Role == DepartmentRole.Lead).ToList() : r.Departments;
            var active = ActionItem.IsActive(r.Status, r.StatusYear, year);
            return new ItemRow(
                r.Id, r.PolicyId, r.CategoryId, r.Number, r.Title, active,
                ActionItem.LabelFor(r.Status, r.StatusYear),
                active ? r.EvaluationStatus : null,
                active ? r.SelfRating : null,
                active ? r.FinalRating : null,
                leads.Select(d => names[d.DepartmentId]).ToList(),
                r.Departments.Except(leads).Select(d => names[d.DepartmentId]).ToList());
        }).ToList();

        return new RowsPage(items, shownByPolicy, filter, page);
    }

    /// <summary>An item of the plan with its evaluation of the year (null when there is none yet).</summary>
    private sealed class Candidate
    {
        public required ActionItem Item { get; init; }

        public int PolicyOrder { get; init; }

        public int PolicyNumber { get; init; }

        /// <summary>The category's order within its policy; -1 for an item without one (listed first).</summary>
        public int CategoryOrder { get; init; }

        public YearlyEvaluation? Evaluation { get; init; }

        /// <summary>Whether the user may read the evaluation's rating: approved, or one of the user's draft readers' items.</summary>
        public bool RatingReadable { get; init; }

        /// <summary>The rating that counts, where the user may read it (null otherwise).</summary>
        public string? ReadableRating { get; init; }
    }

    private static IQueryable<Candidate> Matching(AppDbContext db, int planId, int fiscalYear, PlanPageFilter filter, IReadOnlyList<PolicyView> policies, DraftReaders readers)
    {
        var all = readers.All;
        var own = readers.Departments;
        var items = db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId);
        if (filter.Policy is { } number)
        {
            var policyId = policies.First(p => p.Number == number).Id;
            items = items.Where(i => i.PolicyId == policyId);
        }
        if (filter.Department is { } department)
        {
            items = items.Where(i => i.Departments.Any(d => d.DepartmentId == department));
        }
        if (filter.Keyword is { } keyword)
        {
            var halfWidth = FullWidth.ToHalfWidth(keyword);
            items = items.Where(i => i.Number == halfWidth || i.Title.Contains(keyword) || i.Content.Contains(keyword));
        }
        // Status and grade describe the year's evaluation, which only items active in the year have.
        if (filter.Status == PlanPageFilter.Inactive)
        {
            items = items.Where(Not(ActionItem.ActiveIn(fiscalYear)));
        }
        else if (filter.Status is not null || filter.Grade is not null)
        {
            items = items.Where(ActionItem.ActiveIn(fiscalYear));
        }

        // The policy and category are joined once (not looked up per row), each filtered by the plan, so that the
        // sections' order reads only this plan's rows however many plans the database keeps.
        var candidates =
            from i in items
            join p in db.Policies.Where(p => p.PlanId == planId) on i.PolicyId equals p.Id
            join c in db.Categories.Where(c => db.Policies.Any(p => p.PlanId == planId && p.Id == c.PolicyId)) on i.CategoryId equals (int?)c.Id into categories
            from c in categories.DefaultIfEmpty()
            join e in db.Evaluations.AsNoTracking().Where(e => e.PlanId == planId && e.FiscalYear == fiscalYear) on i.Id equals e.ItemId into evaluations
            from e in evaluations.DefaultIfEmpty()
            let readable = e != null && (all || e.Status == EvaluationStatus.Approved || i.Departments.Any(d => own.Contains(d.DepartmentId)))
            select new Candidate
            {
                Item = i,
                PolicyOrder = p.SortOrder,
                PolicyNumber = p.Number,
                CategoryOrder = c == null ? -1 : c.SortOrder,
                Evaluation = e,
                RatingReadable = readable,
                ReadableRating = readable ? e!.FinalRating ?? e.SelfRating : null,
            };
        if (filter.WantedStatus is { } status)
        {
            candidates = status == EvaluationStatus.NotStarted
                ? candidates.Where(x => x.Evaluation == null || x.Evaluation.Status == EvaluationStatus.NotStarted)
                : candidates.Where(x => x.Evaluation != null && x.Evaluation.Status == status);
        }
        if (filter.Grade == PlanPageFilter.NoGrade)
        {
            candidates = candidates.Where(x => x.ReadableRating == null);
        }
        else if (filter.Grade is { } grade)
        {
            candidates = candidates.Where(x => x.ReadableRating == grade);
        }
        return candidates;
    }

    /// <summary>
    /// Policy sections first (and categories within them, uncategorized items first), then the chosen order,
    /// then the plan's own order. Names compare by code point ("C" collation), readings sort Japanese by kana.
    /// </summary>
    private static IQueryable<Candidate> Sorted(AppDbContext db, int planId, int fiscalYear, IQueryable<Candidate> candidates, string sort)
    {
        var active = db.ActionItems.Where(ActionItem.ActiveIn(fiscalYear));
        var sections = candidates.OrderBy(x => x.PolicyOrder).ThenBy(x => x.PolicyNumber).ThenBy(x => x.CategoryOrder);
        var ordered = sort switch
        {
            "title" => sections.ThenBy(x => EF.Functions.Collate(x.Item.Title, "C")),
            // The lead department's (主管) reading, else the first department's; items without one go last.
            "dept" => sections.ThenBy(x => EF.Functions.Collate(
                db.ItemDepartments.Where(l => l.ItemId == x.Item.Id)
                    .OrderBy(l => l.Role == DepartmentRole.Lead ? 0 : 1).ThenBy(l => l.SortOrder)
                    .Select(l => db.Departments.Where(d => d.Id == l.DepartmentId).Select(d => d.Reading == string.Empty ? LastReading : d.Reading).FirstOrDefault())
                    .FirstOrDefault() ?? LastReading,
                "C")),
            "grade" => sections.ThenBy(x => x.ReadableRating == null
                ? int.MaxValue
                : db.RatingGrades.Where(g => g.PlanId == planId && g.Code == x.ReadableRating).Select(g => (int?)g.SortOrder).FirstOrDefault() ?? int.MaxValue),
            "status" => sections.ThenBy(x => !active.Any(a => a.Id == x.Item.Id) ? int.MaxValue
                : x.Evaluation == null || x.Evaluation.Status == EvaluationStatus.NotStarted ? 0
                : x.Evaluation.Status == EvaluationStatus.Draft ? 1
                : x.Evaluation.Status == EvaluationStatus.Submitted ? 2
                : x.Evaluation.Status == EvaluationStatus.Returned ? 3
                : 4),
            _ => sections,
        };
        return ordered.ThenBy(x => x.Item.SortOrder).ThenBy(x => x.Item.Id);
    }

    private static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);
}
