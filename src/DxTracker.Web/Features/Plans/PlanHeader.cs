using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Plans;

/// <summary>What every plan page shows about the plan itself: names, period, scale, revisions and years.</summary>
public sealed record PlanHeader(
    int Id,
    string Name,
    string Subtitle,
    string Municipality,
    int StartYear,
    int EndYear,
    string PolicyLabel,
    string CategoryLabel,
    string ItemLabel,
    PercentageRounding Rounding,
    IReadOnlyList<GradeView> Grades,
    IReadOnlyList<RevisionView> Revisions,
    IReadOnlyList<PlanYearView> Years)
{
    public string PeriodLabel => $"{new FiscalYear(StartYear).Label}～{new FiscalYear(EndYear).Label}";

    public IEnumerable<FiscalYear> FiscalYears => Enumerable.Range(StartYear, EndYear - StartYear + 1).Select(y => new FiscalYear(y));

    /// <summary>The grades of the scale (not the outcome marks), in order.</summary>
    public IReadOnlyList<GradeView> Scale => Grades.Where(g => g.Kind == GradeKind.Grade).ToList();

    public bool Contains(int fiscalYear) => fiscalYear >= StartYear && fiscalYear <= EndYear;

    public PlanYearView? YearOf(int fiscalYear) => Years.FirstOrDefault(y => y.FiscalYear == fiscalYear);

    /// <summary>The year a plan page opens on: the latest year that has been set up, else the first.</summary>
    public int DefaultYear => Years.Count > 0 ? Years.Max(y => y.FiscalYear) : StartYear;

    /// <summary>令和3年度（入力受付中）: a year as the year selector offers it.</summary>
    public string YearOptionLabel(FiscalYear year) => $"{year.Label}（{PlanText.YearStateLabel(YearOf(year.Year)?.State)}）";

    public GradeView? Grade(string? code) => code is null ? null : Grades.FirstOrDefault(g => g.Code == code);

    /// <summary>Loads the header in one query; null when there is no such plan.</summary>
    public static async Task<PlanHeader?> LoadAsync(AppDbContext db, int planId, CancellationToken cancellationToken = default) =>
        await db.Plans.AsNoTracking()
            .Where(p => p.Id == planId)
            .Select(p => new PlanHeader(
                p.Id, p.Name, p.Subtitle, p.Municipality, p.StartYear, p.EndYear, p.PolicyLabel, p.CategoryLabel, p.ItemLabel, p.Rounding,
                p.Grades.OrderBy(g => g.SortOrder).Select(g => new GradeView(g.Code, g.Label, g.Definition, g.Kind, g.SortOrder)).ToList(),
                p.Revisions.OrderBy(r => r.Date).Select(r => new RevisionView(r.Date, r.Note)).ToList(),
                p.Years.OrderBy(y => y.FiscalYear).Select(y => new PlanYearView(y.FiscalYear, y.State, y.EntryDeadline)).ToList()))
            .AsSingleQuery()
            .FirstOrDefaultAsync(cancellationToken);
}

public sealed record GradeView(string Code, string Label, string Definition, GradeKind Kind, int SortOrder)
{
    public GradeDefinition ToDefinition() => new(Code, Label, Definition, SortOrder);
}

public sealed record RevisionView(DateOnly Date, string Note);

public sealed record PlanYearView(int FiscalYear, PlanYearState State, DateOnly? EntryDeadline)
{
    public string StateLabel => PlanYear.StateLabel(State);
}
