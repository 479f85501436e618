using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Reporting;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Reports;

/// <summary>Who reads a report: what it may contain follows from it.</summary>
public enum ReportAudience
{
    /// <summary>デジタル推進課 and administrators: every item of an open year, unapproved ones marked 【未確定】 (a closed year: as for everyone).</summary>
    Reviewers,

    /// <summary>Other signed-in users: approved results only; earlier years only where closed.</summary>
    Members,

    /// <summary>Anyone (a public year): approved results only; earlier years only where public.</summary>
    Public,
}

/// <summary>A plan year as the report's access rules need it; <see cref="State"/> is null for a year not started.</summary>
public sealed record ReportYear(int PlanId, string PlanName, FiscalYear FiscalYear, PlanYearState? State, bool IsPublic)
{
    public bool IsClosed => State == PlanYearState.Closed;
}

/// <summary>The report model and how many items of the year it leaves out because they are not approved.</summary>
public sealed record AnnualReport(AnnualReportModel Model, int UnapprovedLeftOut);

/// <summary>
/// 取組実績: fills the annual report model of a plan and fiscal year from the database, with a fixed number of
/// queries whatever the size of the plan. Items are those active in the year, in policy and item order; departments
/// are named as in that year (「デジタル推進課（情報推進課）」); KPI lines are the year's planned and actual values.
/// </summary>
public sealed class AnnualReportQuery(AppDbContext db)
{
    /// <summary>The plan year, or null when the plan does not exist or the year is outside its period.</summary>
    public async Task<ReportYear?> FindYearAsync(int planId, int fiscalYear)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Name, p.StartYear, p.EndYear })
            .SingleOrDefaultAsync();
        if (plan is null || fiscalYear < plan.StartYear || fiscalYear > plan.EndYear)
        {
            return null;
        }

        var year = await db.PlanYears.AsNoTracking().Where(y => y.PlanId == planId && y.FiscalYear == fiscalYear)
            .Select(y => new { y.State, y.IsPublic })
            .SingleOrDefaultAsync();
        return new ReportYear(planId, plan.Name, new FiscalYear(fiscalYear), year?.State, year?.IsPublic ?? false);
    }

    /// <summary>The report for reviewers: every item of an open year, unapproved ones marked 【未確定】; a closed year's approved ones.</summary>
    /// <exception cref="NotFoundException">No such plan, or the year is outside its period.</exception>
    public async Task<AnnualReportModel> LoadAsync(int planId, int fiscalYear) =>
        (await LoadAsync(planId, fiscalYear, ReportAudience.Reviewers)).Model;

    /// <exception cref="NotFoundException">No such plan, or the year is outside its period.</exception>
    public async Task<AnnualReport> LoadAsync(int planId, int fiscalYear, ReportAudience audience)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Name, p.Subtitle, p.Municipality, p.StartYear, p.EndYear, p.PolicyLabel, p.ItemLabel, p.Rounding })
            .SingleOrDefaultAsync() ?? throw new NotFoundException();
        if (fiscalYear < plan.StartYear || fiscalYear > plan.EndYear)
        {
            throw new NotFoundException();
        }

        var fy = new FiscalYear(fiscalYear);
        var grades = await db.RatingGrades.AsNoTracking().Where(g => g.PlanId == planId).OrderBy(g => g.SortOrder).ToListAsync();
        var year = await db.PlanYears.AsNoTracking().SingleOrDefaultAsync(y => y.PlanId == planId && y.FiscalYear == fiscalYear);
        var policies = await db.Policies.AsNoTracking().Where(p => p.PlanId == planId)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Number)
            .Select(p => new { p.Id, p.Number, p.Title })
            .ToListAsync();
        var activeItems = db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId).Where(ActionItem.ActiveIn(fiscalYear));
        var items = await activeItems
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.PolicyId, i.Number, i.Title, i.Content, i.Goal })
            .ToListAsync();
        var itemDepartments = (await activeItems
            .SelectMany(i => db.ItemDepartments.Where(d => d.ItemId == i.Id))
            .Select(d => new { d.ItemId, d.DepartmentId, d.SortOrder })
            .ToListAsync())
            .ToLookup(d => d.ItemId);
        var evaluations = (await db.Evaluations.AsNoTracking().Include(e => e.Parts)
            .Where(e => e.PlanId == planId && e.FiscalYear == fiscalYear)
            .ToListAsync())
            .ToDictionary(e => e.ItemId);
        var kpis = (await activeItems
            .SelectMany(i => db.Kpis.Where(k => k.ItemId == i.Id))
            .Where(k => k.FromYear == null || k.FromYear <= fiscalYear)
            .Include(k => k.Values.Where(v => v.FiscalYear >= plan.StartYear && v.FiscalYear <= fiscalYear))
            .OrderBy(k => k.SortOrder).ThenBy(k => k.Id)
            .ToListAsync())
            .ToLookup(k => k.ItemId);
        var departmentIds = itemDepartments.SelectMany(g => g.Select(d => d.DepartmentId))
            .Concat(evaluations.Values.SelectMany(e => e.Parts.Select(p => p.DepartmentId)))
            .Distinct()
            .ToList();
        var departments = await db.Departments.AsNoTracking().Include(d => d.FormerNames)
            .Where(d => departmentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id);
        var earlier = await EarlierYearCountsAsync(planId, plan.StartYear, fiscalYear, audience);

        // A closed year has one report for everyone: its approved evaluations; the rest are listed as 未承認 in the notes.
        var closed = year?.IsClosed ?? false;
        var withUnapproved = audience == ReportAudience.Reviewers && !closed;
        var unapproved = new List<ReportUnapprovedItem>();
        var leftOut = 0;
        var reportKpis = new List<ReportKpi>();
        var reportPolicies = new List<ReportPolicy>();
        foreach (var policy in policies)
        {
            var reportItems = new List<ReportItem>();
            foreach (var item in items.Where(i => i.PolicyId == policy.Id))
            {
                var evaluation = evaluations.GetValueOrDefault(item.Id);
                var approved = evaluation?.Status == EvaluationStatus.Approved;
                if (!approved && !withUnapproved)
                {
                    leftOut++;
                    if (closed)
                    {
                        unapproved.Add(new ReportUnapprovedItem(item.Number, item.Title));
                    }
                    continue;
                }

                var itemKpis = kpis[item.Id].ToList();
                var applying = itemKpis.Where(k => k.AppliesTo(fy)).Select(k => (Kpi: k, Value: k.Values.FirstOrDefault(v => v.FiscalYear == fiscalYear))).ToList();
                var itemDepartmentIds = itemDepartments[item.Id].OrderBy(d => d.SortOrder).Select(d => d.DepartmentId).ToList();
                reportItems.Add(new ReportItem
                {
                    Number = item.Number,
                    Title = item.Title,
                    Content = item.Content,
                    Goal = item.Goal,
                    KpiTargets = applying
                        .Where(k => !string.IsNullOrWhiteSpace(k.Value?.PlannedText))
                        .Select(k => new ReportKpiLine(k.Value!.PlannedNameOr(k.Kpi.Name), k.Value.PlannedText))
                        .ToList(),
                    Parts = Parts(itemDepartmentIds, evaluation, departments, fy),
                    KpiActuals = applying
                        .Select(k => new ReportKpiLine(k.Value?.ActualNameOr(k.Kpi.Name) ?? k.Kpi.Name, ActualText(k.Value)))
                        .Where(k => k.Value.Length > 0)
                        .ToList(),
                    SelfRating = evaluation?.SelfRating,
                    FinalRating = evaluation?.FinalRating,
                    FinalRatingReason = evaluation?.FinalRatingReason ?? string.Empty,
                    Departments = itemDepartmentIds.Select(id => DepartmentName(departments, id, fy)).ToList(),
                    IsApproved = approved,
                    TextsAsPublished = approved && evaluation!.ApprovedBy == YearlyEvaluation.ImportedBy,
                });
                reportKpis.AddRange(itemKpis.Select(k => new ReportKpi
                {
                    ItemNumber = item.Number,
                    ItemTitle = item.Title,
                    Name = k.Name,
                    Unit = k.Unit,
                    Direction = k.Direction,
                    BaselineText = k.BaselineText,
                    BaselineYear = k.BaselineYear is { } baseline ? new FiscalYear(baseline) : null,
                    Values = k.Values.OrderBy(v => v.FiscalYear)
                        .Select(v => new ReportKpiValue(new FiscalYear(v.FiscalYear), v.PlannedText, v.PlannedValue, ActualText(v), v.ActualValue))
                        .ToList(),
                }));
            }

            // A policy without items this year (all completed or deleted) has no place in the year's report.
            if (reportItems.Count > 0)
            {
                reportPolicies.Add(new ReportPolicy(policy.Number, policy.Title, reportItems));
            }
        }

        var model = new AnnualReportModel
        {
            PlanName = plan.Name,
            Subtitle = plan.Subtitle,
            Municipality = plan.Municipality,
            FiscalYear = fy,
            PlanStartYear = new FiscalYear(plan.StartYear),
            PolicyLabel = plan.PolicyLabel,
            ItemLabel = plan.ItemLabel,
            Rounding = plan.Rounding,
            Grades = grades.Where(g => g.Kind == GradeKind.Grade).Select(g => new ReportGrade(g.Code, g.Label, g.Definition)).ToList(),
            OutcomeMarks = grades.Where(g => g.Kind == GradeKind.OutcomeMark).Select(g => new ReportGrade(g.Code, g.Label, g.Definition)).ToList(),
            Conclusion = year?.Conclusion ?? string.Empty,
            Policies = reportPolicies,
            Kpis = reportKpis,
            EarlierYears = earlier,
            IsFinal = closed,
            UnapprovedItems = unapproved,
        };
        return new AnnualReport(model, leftOut);
    }

    /// <summary>The approved ratings of each earlier plan year, counted in the database; years the audience may not read are left out.</summary>
    private async Task<IReadOnlyList<ReportYearCounts>> EarlierYearCountsAsync(int planId, int startYear, int fiscalYear, ReportAudience audience)
    {
        var readableYears = db.PlanYears.Where(y => y.PlanId == planId
            && (audience == ReportAudience.Reviewers
                || (y.State == PlanYearState.Closed && (audience == ReportAudience.Members || y.IsPublic))));
        var counts = await db.Evaluations.AsNoTracking()
            .Where(e => e.PlanId == planId && e.FiscalYear >= startYear && e.FiscalYear < fiscalYear && e.Status == EvaluationStatus.Approved)
            .Where(e => readableYears.Any(y => y.FiscalYear == e.FiscalYear))
            .GroupBy(e => new { e.FiscalYear, Rating = e.FinalRating ?? e.SelfRating })
            .Select(g => new { g.Key.FiscalYear, g.Key.Rating, Count = g.Count() })
            .ToListAsync();
        return counts
            .Where(c => c.Rating is not null)
            .GroupBy(c => c.FiscalYear)
            .OrderBy(g => g.Key)
            .Select(g => new ReportYearCounts(new FiscalYear(g.Key), g.ToDictionary(c => c.Rating!, c => c.Count, StringComparer.Ordinal)))
            .ToList();
    }

    /// <summary>
    /// One part per department of the item in the item's order (also a department that wrote nothing), then the parts
    /// of departments no longer on the item, so that nothing written is lost.
    /// </summary>
    private static List<ReportItemPart> Parts(IReadOnlyList<int> itemDepartmentIds, YearlyEvaluation? evaluation, Dictionary<int, Department> departments, FiscalYear year)
    {
        var written = evaluation?.Parts ?? [];
        var order = itemDepartmentIds
            .Concat(written.OrderBy(p => p.SortOrder).Select(p => p.DepartmentId).Where(id => !itemDepartmentIds.Contains(id)))
            .ToList();
        return order.Select(id =>
        {
            var part = written.FirstOrDefault(p => p.DepartmentId == id);
            var department = departments.GetValueOrDefault(id);
            // Texts are attributed with the year's own name (「（情報推進課）」), never a bracketed pair inside brackets.
            return new ReportItemPart(department?.NameIn(year) ?? string.Empty, part?.ResultText ?? string.Empty, part?.ImprovementText ?? string.Empty)
            {
                OtherNames = department is null ? [] : [department.ReportNameFor(year), department.Name],
            };
        }).ToList();
    }

    private static string DepartmentName(Dictionary<int, Department> departments, int id, FiscalYear year) =>
        departments.GetValueOrDefault(id)?.ReportNameFor(year) ?? string.Empty;

    /// <summary>実績 as written; 「未測定」 when it is marked so without a text of its own.</summary>
    private static string ActualText(KpiValue? value) =>
        value is null ? string.Empty
        : value.ActualText.Length > 0 ? value.ActualText
        : value.ActualNotMeasured ? "未測定"
        : string.Empty;
}
