using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Home;

/// <summary>A plan year that is taking entries or under review.</summary>
public sealed record ActiveYear(int PlanId, string PlanName, int FiscalYear, PlanYearState State, DateOnly? Deadline);

/// <summary>A closed (確定) plan year, whose annual report every signed-in user may read.</summary>
public sealed record ClosedYear(int PlanId, string PlanName, int FiscalYear, bool IsPublic);

/// <summary>One item of the user's departments, with the state of this year's evaluation.</summary>
public sealed record MyItem(int PlanId, int FiscalYear, int ItemId, string Number, int SortOrder, string Title, int DepartmentId, string DepartmentName, EvaluationStatus Status, bool PartSubmitted, PlanYearState YearState)
{
    /// <summary>The status as this department reads it, the same as on the entry page.</summary>
    public EvaluationStatus DepartmentStatus => YearlyEvaluation.ForDepartment(Status, PartSubmitted);

    /// <summary>Whether the department can still write its part now (the entry page's rule).</summary>
    public bool IsToDo => YearlyEvaluation.WhyNotWritable(new FiscalYear(FiscalYear), YearState, Status, PartSubmitted) is null;
}

/// <summary>A submitted or returned evaluation in the reviewer's queue.</summary>
public sealed record QueueEntry(int PlanId, int FiscalYear, int ItemId, int EvaluationId, string Number, int SortOrder, string Title, EvaluationStatus Status, string? SelfRating, DateTimeOffset? UpdatedAt);

/// <summary>How far a department is with its items of a year.</summary>
public sealed record DepartmentProgress(int PlanId, int FiscalYear, int DepartmentId, string Name, int SortOrder, string Reading, IReadOnlyDictionary<EvaluationStatus, int> Counts)
{
    public int Total => Counts.Values.Sum();

    public int Done => Counts.GetValueOrDefault(EvaluationStatus.Submitted) + Counts.GetValueOrDefault(EvaluationStatus.Approved);
}

/// <summary>
/// The start page's data: for every plan year taking entries or under review, the user's items and, for
/// reviewers, the review queue and each department's progress. A fixed number of queries, whatever the size.
/// </summary>
public sealed class StartPageQuery(IDbContextFactory<AppDbContext> databases)
{
    /// <summary>The names of the user's departments, in the usual order.</summary>
    public async Task<IReadOnlyList<string>> DepartmentNamesAsync(IReadOnlySet<int> departmentIds)
    {
        var ids = departmentIds.ToList();
        await using var db = await databases.CreateDbContextAsync();
        return await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Reading).Select(d => d.Name).ToListAsync();
    }

    public async Task<IReadOnlyList<ActiveYear>> ActiveYearsAsync()
    {
        await using var db = await databases.CreateDbContextAsync();
        return await db.PlanYears.AsNoTracking()
            .Where(y => y.State == PlanYearState.Open || y.State == PlanYearState.InReview)
            .Join(db.Plans, y => y.PlanId, p => p.Id, (y, p) => new { Year = y, Plan = p })
            .OrderBy(x => x.Plan.Name).ThenBy(x => x.Year.FiscalYear)
            .Select(x => new ActiveYear(x.Plan.Id, x.Plan.Name, x.Year.FiscalYear, x.Year.State, x.Year.EntryDeadline))
            .ToListAsync();
    }

    /// <summary>Closed years, newest first, for the links to their annual reports.</summary>
    public async Task<IReadOnlyList<ClosedYear>> ClosedYearsAsync()
    {
        await using var db = await databases.CreateDbContextAsync();
        return await db.PlanYears.AsNoTracking()
            .Where(y => y.State == PlanYearState.Closed)
            .Join(db.Plans, y => y.PlanId, p => p.Id, (y, p) => new { Year = y, Plan = p })
            .OrderByDescending(x => x.Year.FiscalYear).ThenBy(x => x.Plan.Name)
            .Select(x => new ClosedYear(x.Plan.Id, x.Plan.Name, x.Year.FiscalYear, x.Year.IsPublic))
            .ToListAsync();
    }

    public async Task<IReadOnlyList<MyItem>> MyItemsAsync(IReadOnlyList<ActiveYear> years, IReadOnlySet<int> departmentIds)
    {
        var result = new List<MyItem>();
        if (departmentIds.Count == 0)
        {
            return result;
        }
        await using var db = await databases.CreateDbContextAsync();
        foreach (var year in years)
        {
            var rows = await ItemDepartmentRows(db, year, departmentIds).ToListAsync();
            result.AddRange(rows.Select(r => new MyItem(year.PlanId, year.FiscalYear, r.ItemId, r.Number, r.SortOrder, r.Title, r.DepartmentId, r.DepartmentName, r.Status ?? EvaluationStatus.NotStarted, r.PartSubmitted, year.State)));
        }
        return result;
    }

    public async Task<IReadOnlyList<QueueEntry>> QueueAsync(IReadOnlyList<ActiveYear> years)
    {
        // (plan, year) pairs as one number, so that a single query covers every active year.
        var keys = years.Select(y => y.PlanId * 10000 + y.FiscalYear).ToList();
        await using var db = await databases.CreateDbContextAsync();
        return await db.Evaluations.AsNoTracking()
            .Where(e => keys.Contains(e.PlanId * 10000 + e.FiscalYear) && (e.Status == EvaluationStatus.Submitted || e.Status == EvaluationStatus.Returned))
            .Join(db.ActionItems, e => e.ItemId, i => i.Id, (e, i) => new { Evaluation = e, Item = i })
            // Submitted before returned: the queue shows what waits for the reviewer first.
            .OrderBy(x => x.Evaluation.Status == EvaluationStatus.Submitted ? 0 : 1).ThenBy(x => x.Item.SortOrder)
            .Select(x => new QueueEntry(x.Evaluation.PlanId, x.Evaluation.FiscalYear, x.Item.Id, x.Evaluation.Id, x.Item.Number, x.Item.SortOrder, x.Item.Title, x.Evaluation.Status, x.Evaluation.SelfRating, x.Evaluation.UpdatedAt))
            .ToListAsync();
    }

    public async Task<IReadOnlyList<DepartmentProgress>> ProgressAsync(IReadOnlyList<ActiveYear> years)
    {
        var result = new List<DepartmentProgress>();
        await using var db = await databases.CreateDbContextAsync();
        foreach (var year in years)
        {
            var rows = await ItemDepartmentRows(db, year, null).ToListAsync();
            result.AddRange(rows
                .GroupBy(r => (r.DepartmentId, r.DepartmentName, r.DepartmentOrder, r.DepartmentReading))
                .Select(g => new DepartmentProgress(year.PlanId, year.FiscalYear, g.Key.DepartmentId, g.Key.DepartmentName, g.Key.DepartmentOrder, g.Key.DepartmentReading,
                    g.GroupBy(r => YearlyEvaluation.ForDepartment(r.Status, r.PartSubmitted)).ToDictionary(s => s.Key, s => s.Count())))
                .OrderBy(p => p.SortOrder).ThenBy(p => p.Reading, StringComparer.Ordinal));
        }
        return result;
    }

    private static IQueryable<Row> ItemDepartmentRows(AppDbContext db, ActiveYear year, IReadOnlySet<int>? departmentIds)
    {
        var items = db.ActionItems.AsNoTracking().Where(i => i.PlanId == year.PlanId).Where(ActionItem.ActiveIn(year.FiscalYear));
        var links = db.ItemDepartments.AsNoTracking();
        if (departmentIds is not null)
        {
            var ids = departmentIds.ToList();
            links = links.Where(l => ids.Contains(l.DepartmentId));
        }
        return from i in items
               join l in links on i.Id equals l.ItemId
               join d in db.Departments on l.DepartmentId equals d.Id
               from e in db.Evaluations.Where(e => e.ItemId == i.Id && e.FiscalYear == year.FiscalYear).DefaultIfEmpty()
               select new Row(
                   i.Id, i.Number, i.SortOrder, i.Title, d.Id,
                   d.FormerNames.Where(f => f.UntilYear >= year.FiscalYear).OrderBy(f => f.UntilYear).Select(f => f.Name).FirstOrDefault() ?? d.Name,
                   d.SortOrder, d.Reading,
                   e == null ? null : e.Status,
                   e != null && e.Parts.Any(p => p.DepartmentId == d.Id && p.IsSubmitted));
    }

    private sealed record Row(int ItemId, string Number, int SortOrder, string Title, int DepartmentId, string DepartmentName, int DepartmentOrder, string DepartmentReading, EvaluationStatus? Status, bool PartSubmitted);
}
