using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Import;

// The import file after reading and checking (docs/import-format.md): every value is valid on its own and
// every reference inside the file resolves. Null means "not in the file": the importer keeps what the
// database has. Each part keeps its JSON path so that problems found against the database can name it.

/// <summary>A whole import file. <c>ResultYear</c> is the root <c>fiscalYear</c> of a one-year results file (年度実績形式), if any.</summary>
internal sealed record PlanFile(
    string Municipality,
    PlanSection Plan,
    int? ResultYear,
    IReadOnlyList<DepartmentEntry> Departments,
    IReadOnlyList<YearEntry> Years,
    IReadOnlyList<PolicyEntry> Policies);

/// <summary>The plan itself. <c>Grades</c> (scale and outcome marks) is null when the file defines none.</summary>
internal sealed record PlanSection(
    string Path,
    string Name,
    string? Subtitle,
    int StartYear,
    int EndYear,
    string? PolicyLabel,
    string? CategoryLabel,
    string? ItemLabel,
    PercentageRounding? Rounding,
    IReadOnlyList<GradeEntry>? Grades,
    IReadOnlyList<RevisionEntry> Revisions);

internal sealed record GradeEntry(string Path, string Code, string Label, string Definition, GradeKind Kind);

internal sealed record RevisionEntry(string Path, DateOnly Date, string Note);

/// <summary>A plan year: its state, entry deadline and 総括.</summary>
internal sealed record YearEntry(string Path, int FiscalYear, PlanYearState? State, DateOnly? EntryDeadline, string? Conclusion);

/// <summary>A department named in the file, with the former names it had up to a fiscal year.</summary>
internal sealed record DepartmentEntry(string Path, string Name, string? Code, string? Reading, IReadOnlyList<FormerNameEntry> FormerNames);

internal sealed record FormerNameEntry(string Path, string Name, int UntilYear);

internal sealed record PolicyEntry(string Path, int Number, string Title, IReadOnlyList<CategoryEntry> Categories, IReadOnlyList<ItemEntry> Items);

internal sealed record CategoryEntry(string Path, string Number, string Title)
{
    /// <summary>What items use to name the category: its number, or its title when it has none.</summary>
    public string Key => Number.Length > 0 ? Number : Title;
}

internal sealed record ItemEntry(
    string Path,
    string Number,
    string Title,
    string? Category,
    string? Content,
    string? Goal,
    string? Overview,
    string? Purpose,
    string? Outcome,
    LifecycleEntry? Lifecycle,
    IReadOnlyList<ItemDepartmentEntry> Departments,
    IReadOnlyList<PhaseEntry> Schedule,
    IReadOnlyList<KpiEntry> Kpis,
    IReadOnlyList<EvaluationEntry> Evaluations);

/// <summary>An item's lifecycle; <c>MergedInto</c> is the number of the item it is merged into (移行).</summary>
internal sealed record LifecycleEntry(string Path, ItemStatus State, int? FiscalYear, string Reason, string? MergedInto);

/// <summary>A department of an item, by its current name (the department list of the file has its former names).</summary>
internal sealed record ItemDepartmentEntry(string Path, string Name, DepartmentRole Role);

internal sealed record PhaseEntry(string Path, int FiscalYear, string Phase);

internal sealed record KpiEntry(
    string Path,
    string Name,
    string? Unit,
    KpiDirection? Direction,
    KpiMeasurement? Baseline,
    int? BaselineYear,
    int? FromYear,
    int? ToYear,
    string? ReplacedBy,
    IReadOnlyList<KpiValueEntry> Values);

/// <summary>A KPI's 予定 and 実績 for a year; null where the file gives none.</summary>
internal sealed record KpiValueEntry(string Path, int FiscalYear, KpiMeasurement? Planned, KpiMeasurement? Actual);

/// <summary>One evaluation; <c>RatingPath</c> is where its self-rating is written (<c>selfRating</c>, or <c>rating</c> in a results file).</summary>
internal sealed record EvaluationEntry(
    string Path,
    string RatingPath,
    int FiscalYear,
    EvaluationStatus Status,
    string? SelfRating,
    string? FinalRating,
    string FinalRatingReason,
    string? ReturnComment,
    IReadOnlyList<PartEntry> Parts);

/// <summary>One department's part of an evaluation; <see cref="Department"/> is the department's current name.</summary>
internal sealed record PartEntry(string Path, string Department, string Result, string Improvement);
