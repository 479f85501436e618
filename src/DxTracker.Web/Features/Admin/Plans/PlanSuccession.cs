using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>A plan year as the year page lists it, with the number of evaluations written for it.</summary>
public sealed record YearRow(int FiscalYear, PlanYearState State, DateOnly? EntryDeadline, int Evaluations);

/// <summary>The new plan of a succession (後継計画): its name and period; everything else comes from the old plan.</summary>
public sealed record SuccessorSettings(string Name, string Subtitle, FiscalYear StartYear, FiscalYear EndYear);

/// <summary>What opening the next year did.</summary>
public sealed record OpenedYear(FiscalYear Year, int CarriedPlannedValues);

/// <summary>年度の繰越しと後継計画: open the next fiscal year; start a new plan from an existing one.</summary>
public sealed class PlanSuccession(PlanAdminOperations operations)
{
    public Task<IReadOnlyList<YearRow>> YearsAsync(int planId)
    {
        return operations.ReadAsync<IReadOnlyList<YearRow>>(async db =>
        {
            var years = await db.PlanYears.AsNoTracking().Where(y => y.PlanId == planId).OrderBy(y => y.FiscalYear).ToListAsync();
            var counts = await db.Evaluations.AsNoTracking().Where(e => e.PlanId == planId).GroupBy(e => e.FiscalYear)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            return years.Select(y => new YearRow(y.FiscalYear, y.State, y.EntryDeadline, counts.GetValueOrDefault(y.FiscalYear))).ToList();
        });
    }

    /// <summary>
    /// Opens the fiscal year after the plan's last one (its first year if it has none), 準備中: every item active in
    /// it starts 未着手. A KPI that applies in the new year and has no planned value for it takes the latest earlier
    /// planned value, so that departments see a target; the reviewer opens the year for entry on its manage page.
    /// </summary>
    public Task<OpenedYear> OpenNextYearAsync(int planId)
    {
        return operations.ChangeAsync("plan.year.open-next", new { planId }, async db =>
        {
            var plan = await db.Plans.Include(p => p.Years).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            var next = plan.Years.Count == 0 ? new FiscalYear(plan.StartYear) : new FiscalYear(plan.Years.Max(y => y.FiscalYear) + 1);
            if (!plan.Contains(next))
            {
                throw new DomainRuleException($"計画期間の最終年度（{new FiscalYear(plan.EndYear).Label}）まで開始済みです。次の計画期間は「後継計画の作成」から始めてください。");
            }
            plan.AddYear(next);

            var kpis = await db.ActionItems.Where(i => i.PlanId == planId).Where(ActionItem.ActiveIn(next.Year))
                .SelectMany(i => i.Kpis).Include(k => k.Values).ToListAsync();
            var carried = 0;
            foreach (var kpi in kpis.Where(k => k.AppliesTo(next)))
            {
                if (kpi.Values.Any(v => v.FiscalYear == next.Year && v.HasPlanned))
                {
                    continue;
                }
                var previous = kpi.Values.Where(v => v.FiscalYear < next.Year && v.HasPlanned).MaxBy(v => v.FiscalYear);
                if (previous is not null)
                {
                    kpi.SetPlanned(next, new KpiMeasurement(previous.PlannedValue, string.Empty, previous.PlannedText, NotMeasured: false));
                    carried++;
                }
            }
            await AdminSave.SaveAsync(db);
            return new OpenedYear(next, carried);
        });
    }

    /// <summary>
    /// 後継計画: a new plan of the same municipality with the old plan's labels, phase names, scale, policies and
    /// categories, and copies of the chosen items (content, departments, schedule and KPIs within the new period),
    /// each linked to the item it continues so that its history spans both plans.
    /// </summary>
    public Task<int> StartSuccessorAsync(int planId, SuccessorSettings settings, IReadOnlyCollection<int> itemIds)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(itemIds);
        return operations.ChangeAsync("plan.successor.start", new { planId, settings.Name, items = itemIds.Count }, async db =>
        {
            var source = await db.Plans.AsNoTracking().Include(p => p.Grades).Include(p => p.Policies).ThenInclude(p => p.Categories).AsSplitQuery()
                .SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            if (settings.StartYear.Year <= source.StartYear)
            {
                throw new FieldRuleException("StartYear", $"後継計画の開始年度は、元の計画の開始年度（{new FiscalYear(source.StartYear).Label}）より後にしてください。");
            }
            var name = settings.Name?.Trim() ?? string.Empty;
            if (await db.Plans.AnyAsync(p => p.Municipality == source.Municipality && p.Name == name))
            {
                throw new FieldRuleException("Name", $"{source.Municipality}の計画「{name}」は既にあります。別の名前にしてください。");
            }
            var items = await db.ActionItems.AsNoTracking().Include(i => i.Departments).Include(i => i.Schedule).Include(i => i.Kpis).ThenInclude(k => k.Values).AsSplitQuery()
                .Where(i => i.PlanId == planId && itemIds.Contains(i.Id)).OrderBy(i => i.SortOrder).ToListAsync();
            if (items.Count != itemIds.Distinct().Count())
            {
                throw new DomainRuleException("元の計画にない項目が選ばれています。画面を開き直してください。");
            }
            var activeDepartments = (await db.Departments.AsNoTracking().Where(d => d.IsActive).Select(d => d.Id).ToListAsync()).ToHashSet();

            var plan = new Plan(name, source.Municipality, settings.StartYear, settings.EndYear);
            plan.Describe(name, settings.Subtitle, source.Municipality);
            plan.SetLabels(source.PolicyLabel, source.CategoryLabel, source.ItemLabel);
            plan.SetRounding(source.Rounding);
            plan.SetPhaseNames(source.Phases);
            plan.ReviseScale(source.Grades.OrderBy(g => g.Kind).ThenBy(g => g.SortOrder).Select(g => new GradeDraft(g.Code, g.Label, g.Definition, g.Kind)).ToList(), new HashSet<string>());
            plan.SucceedFrom(source.Id);
            var policies = new Dictionary<int, Policy>();
            var categories = new Dictionary<int, Category>();
            foreach (var old in source.Policies.OrderBy(p => p.SortOrder))
            {
                var policy = new Policy(old.Number, old.Title);
                policy.MoveTo(old.SortOrder);
                foreach (var oldCategory in old.Categories.OrderBy(c => c.SortOrder))
                {
                    var category = new Category(oldCategory.Number, oldCategory.Title, oldCategory.SortOrder);
                    policy.AddCategory(category);
                    categories[oldCategory.Id] = category;
                }
                plan.AddPolicy(policy);
                policies[old.Id] = policy;
            }
            // Keys come from HiLo sequences when the plan is added, so the items can name their plan, policy and category.
            db.Plans.Add(plan);

            var order = 0;
            foreach (var old in items)
            {
                var policy = policies[old.PolicyId];
                var item = new ActionItem(plan.Id, policy.Id, old.Number, old.Title, ++order);
                item.Place(policy.Id, old.CategoryId is { } c ? categories[c].Id : null, old.Number, order);
                item.Describe(old.Title, old.Content, old.Goal, old.Overview, old.Purpose, old.Outcome);
                item.ContinueFrom(old.Id);
                item.SetDepartments(old.Departments.Where(d => activeDepartments.Contains(d.DepartmentId)).OrderBy(d => d.SortOrder).Select(d => (d.DepartmentId, d.Role)).ToList());
                foreach (var phase in old.Schedule.Where(s => plan.Contains(new FiscalYear(s.FiscalYear))))
                {
                    item.SetPhase(new FiscalYear(phase.FiscalYear), phase.Phase);
                }
                foreach (var oldKpi in old.Kpis.Where(k => k.ToYear is null || k.ToYear >= plan.StartYear).OrderBy(k => k.SortOrder))
                {
                    var kpi = item.AddKpi(oldKpi.Name, oldKpi.Unit, oldKpi.Direction);
                    kpi.SetBaseline(
                        oldKpi.BaselineText.Length > 0 || oldKpi.BaselineValue is not null ? new KpiMeasurement(oldKpi.BaselineValue, oldKpi.Unit, oldKpi.BaselineText, false) : null,
                        oldKpi.BaselineYear is { } y ? new FiscalYear(y) : null);
                    if (oldKpi.FromYear is { } from && from > plan.StartYear && plan.Contains(new FiscalYear(from)))
                    {
                        kpi.SetApplicableYears(new FiscalYear(from), null);
                    }
                    foreach (var value in oldKpi.Values.Where(v => v.HasPlanned && plan.Contains(new FiscalYear(v.FiscalYear))))
                    {
                        kpi.SetPlanned(new FiscalYear(value.FiscalYear), new KpiMeasurement(value.PlannedValue, string.Empty, value.PlannedText, false));
                    }
                }
                db.ActionItems.Add(item);
            }
            await AdminSave.SaveAsync(db);
            return plan.Id;
        });
    }
}
