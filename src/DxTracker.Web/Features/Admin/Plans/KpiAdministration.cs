using System.Globalization;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>What the KPI form edits (評価指標). Texts are as typed: the baseline may use full-width digits.</summary>
public sealed record KpiDetails(string Name, string Unit, KpiDirection Direction, string Baseline, FiscalYear? BaselineYear);

/// <summary>An item's KPIs with their values, and the plan years that are closed.</summary>
public sealed record KpiPage(Plan Plan, ActionItem Item, IReadOnlySet<int> ClosedYears)
{
    public IReadOnlyList<Kpi> Kpis => Item.Kpis.OrderBy(k => k.SortOrder).ToList();

    /// <summary>The years of the plan a KPI applies to: the columns of its row in the planned-value grid.</summary>
    public IEnumerable<FiscalYear> YearsOf(Kpi kpi) => Plan.FiscalYears.Where(kpi.AppliesTo);

    public static string CellName(int kpiId, int year) => string.Create(CultureInfo.InvariantCulture, $"planned-{kpiId}-{year}");
}

/// <summary>評価指標の管理: add, edit, replace from a year, remove, and the planned values of every year in one grid. Administrators only.</summary>
public sealed class KpiAdministration(PlanAdminOperations operations)
{
    public Task<KpiPage> LoadAsync(int planId, int itemId)
    {
        return operations.ReadAsync(async db =>
        {
            var plan = await db.Plans.AsNoTracking().Include(p => p.Years).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            var item = await db.ActionItems.AsNoTracking().Include(i => i.Kpis).ThenInclude(k => k.Values).AsSplitQuery()
                .SingleOrDefaultAsync(i => i.Id == itemId && i.PlanId == planId) ?? throw new NotFoundException();
            return new KpiPage(plan, item, plan.Years.Where(y => y.IsClosed).Select(y => y.FiscalYear).ToHashSet());
        });
    }

    public Task<int> AddAsync(int planId, int itemId, KpiDetails details, FiscalYear? fromYear)
    {
        ArgumentNullException.ThrowIfNull(details);
        return operations.ChangeAsync("kpi.add", new { planId, itemId }, async db =>
        {
            var (plan, item) = await TrackedAsync(db, planId, itemId);
            var kpi = Add(plan, item, details);
            if (fromYear is { } from)
            {
                CheckInPeriod(plan, from, "FromYear", "適用開始年度");
                kpi.SetApplicableYears(from, null);
            }
            await AdminSave.SaveAsync(db);
            return kpi.Id;
        });
    }

    public Task UpdateAsync(int planId, int itemId, int kpiId, KpiDetails details, uint? version)
    {
        ArgumentNullException.ThrowIfNull(details);
        return operations.ChangeAsync("kpi.update", new { planId, itemId, kpiId }, async db =>
        {
            var (plan, item) = await TrackedAsync(db, planId, itemId);
            var kpi = item.Kpis.SingleOrDefault(k => k.Id == kpiId) ?? throw new NotFoundException();
            AdminSave.ExpectVersion(db, kpi, version,
                ("指標名", kpi.Name, details.Name), ("単位", kpi.Unit, details.Unit), ("基準値", kpi.BaselineText, details.Baseline),
                ("基準値の年度", kpi.BaselineYear is { } y ? new FiscalYear(y).Label : string.Empty, details.BaselineYear?.Label ?? string.Empty));
            Describe(plan, item, kpi, details);
            await AdminSave.SaveAsync(db);
        });
    }

    /// <summary>
    /// 指標の置き換え: from <paramref name="fromYear"/> on the item is measured by a new indicator; the old one stays
    /// with its values for the years it applied to. Closed years keep the indicator they were reported with.
    /// </summary>
    public Task<int> ReplaceAsync(int planId, int itemId, int kpiId, FiscalYear fromYear, KpiDetails successor, uint? version)
    {
        ArgumentNullException.ThrowIfNull(successor);
        return operations.ChangeAsync("kpi.replace", new { planId, itemId, kpiId, fromYear = fromYear.Year }, async db =>
        {
            var (plan, item) = await TrackedAsync(db, planId, itemId);
            var kpi = item.Kpis.SingleOrDefault(k => k.Id == kpiId) ?? throw new NotFoundException();
            AdminSave.ExpectVersion(db, kpi, version);
            CheckInPeriod(plan, fromYear, "FromYear", "置き換える年度");
            if (fromYear.Year <= plan.StartYear)
            {
                throw new FieldRuleException("FromYear", $"置き換える年度は、計画の初年度（{new FiscalYear(plan.StartYear).Label}）より後にしてください。初年度から別の指標にする場合は、この指標を編集してください。");
            }
            if (plan.Years.Where(y => y.IsClosed && y.FiscalYear >= fromYear.Year).OrderBy(y => y.FiscalYear).FirstOrDefault() is { } closed)
            {
                throw new FieldRuleException("FromYear", $"{closed.Year.Label}は確定済みのため、{fromYear.Label}からは置き換えられません。");
            }
            var next = Add(plan, item, successor);
            // Tracked now, so that its key (from the HiLo sequence) is known to the indicator it replaces.
            db.Kpis.Add(next);
            try
            {
                kpi.ReplaceWith(next, fromYear);
            }
            catch (DomainRuleException e)
            {
                throw new FieldRuleException("FromYear", e.Message);
            }
            await AdminSave.SaveAsync(db);
            return next.Id;
        });
    }

    public Task DeleteAsync(int planId, int itemId, int kpiId)
    {
        return operations.ChangeAsync("kpi.delete", new { planId, itemId, kpiId }, async db =>
        {
            var (_, item) = await TrackedAsync(db, planId, itemId);
            var kpi = item.Kpis.SingleOrDefault(k => k.Id == kpiId) ?? throw new NotFoundException();
            item.RemoveKpi(kpi);
            await AdminSave.SaveAsync(db);
        });
    }

    /// <summary>
    /// Saves the planned values (予定) of every KPI and year in one go, as typed (１２,９００件 is understood).
    /// Returns the problems by cell name (<see cref="KpiPage.CellName"/>); when there is any, nothing is saved.
    /// Cells of years a KPI does not apply to, and unchanged cells, are left alone; a change in a closed year is a problem.
    /// <paramref name="opened"/> holds, by cell, the text the form showed when it was opened: a cell someone else has
    /// changed since is a problem too (a conflict), so that a save never writes over what it did not show.
    /// </summary>
    public Task<IReadOnlyDictionary<string, string>> SavePlannedAsync(int planId, int itemId, IReadOnlyDictionary<string, string> cells, IReadOnlyDictionary<string, string>? opened = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return operations.ChangeAsync<IReadOnlyDictionary<string, string>>("kpi.planned", new { planId, itemId }, async db =>
        {
            var (plan, item) = await TrackedAsync(db, planId, itemId);
            var closed = plan.Years.Where(y => y.IsClosed).Select(y => y.FiscalYear).ToHashSet();
            var problems = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var kpi in item.Kpis)
            {
                foreach (var year in plan.FiscalYears.Where(kpi.AppliesTo))
                {
                    var name = KpiPage.CellName(kpi.Id, year.Year);
                    if (!cells.TryGetValue(name, out var posted))
                    {
                        continue;
                    }
                    var text = posted?.Trim() ?? string.Empty;
                    var current = kpi.Values.FirstOrDefault(v => v.FiscalYear == year.Year);
                    var saved = current?.PlannedText ?? string.Empty;
                    if (text == saved)
                    {
                        continue;
                    }
                    if (opened is not null && opened.TryGetValue(name, out var shown) && (shown?.Trim() ?? string.Empty) != saved)
                    {
                        problems[name] = $"{year.Label}の予定値は、ほかの人が先に「{(saved.Length == 0 ? "空欄" : saved)}」に変更しました（あなたの入力「{(text.Length == 0 ? "空欄" : text)}」）。画面を開き直して確認してください。";
                        continue;
                    }
                    if (closed.Contains(year.Year))
                    {
                        problems[name] = $"{year.Label}は確定済みのため、予定値を変更できません。";
                        continue;
                    }
                    if (text.Length == 0)
                    {
                        kpi.SetPlanned(year, null);
                        continue;
                    }
                    if (text.Length > Kpi.TextMaxLength)
                    {
                        problems[name] = $"{year.Label}の予定値は{Kpi.TextMaxLength}文字以内で入力してください。";
                        continue;
                    }
                    if (!KpiValueText.TryParse(text, out var measurement, out var error))
                    {
                        problems[name] = $"{year.Label}: {error}";
                        continue;
                    }
                    kpi.SetPlanned(year, measurement);
                }
            }
            if (problems.Count > 0)
            {
                db.ChangeTracker.Clear();
                return problems;
            }
            await AdminSave.SaveAsync(db);
            return problems;
        });
    }

    private static Kpi Add(Plan plan, ActionItem item, KpiDetails details)
    {
        EnsureUniqueName(item, details.Name, null);
        var kpi = item.AddKpi(details.Name, details.Unit, details.Direction);
        Describe(plan, item, kpi, details);
        return kpi;
    }

    private static void EnsureUniqueName(ActionItem item, string name, Kpi? except)
    {
        try
        {
            item.EnsureUniqueKpiName(name, except);
        }
        catch (DomainRuleException e)
        {
            throw new FieldRuleException("Name", e.Message);
        }
    }

    private static void Describe(Plan plan, ActionItem item, Kpi kpi, KpiDetails details)
    {
        EnsureUniqueName(item, details.Name, kpi);
        kpi.Describe(details.Name, details.Unit, details.Direction);
        KpiMeasurement? baseline = null;
        if (!string.IsNullOrWhiteSpace(details.Baseline))
        {
            if (!KpiValueText.TryParse(details.Baseline, out baseline, out var error))
            {
                throw new FieldRuleException("Baseline", error);
            }
            if (baseline.OriginalText.Length > Kpi.TextMaxLength)
            {
                throw new FieldRuleException("Baseline", $"基準値は{Kpi.TextMaxLength}文字以内で入力してください。");
            }
        }
        if (details.BaselineYear is { } baselineYear && baselineYear.Year > plan.EndYear)
        {
            throw new FieldRuleException("BaselineYear", $"基準値の年度（{baselineYear.Label}）が計画期間（{plan.PeriodLabel}）より後になっています。");
        }
        kpi.SetBaseline(baseline, details.BaselineYear);
    }

    private static void CheckInPeriod(Plan plan, FiscalYear year, string field, string label)
    {
        if (!plan.Contains(year))
        {
            throw new FieldRuleException(field, $"{label}の{year.Label}は計画期間（{plan.PeriodLabel}）の外です。");
        }
    }

    private static async Task<(Plan Plan, ActionItem Item)> TrackedAsync(AppDbContext db, int planId, int itemId)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Years).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
        var item = await db.ActionItems.Include(i => i.Kpis).ThenInclude(k => k.Values).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == itemId && i.PlanId == planId) ?? throw new NotFoundException();
        return (plan, item);
    }
}
