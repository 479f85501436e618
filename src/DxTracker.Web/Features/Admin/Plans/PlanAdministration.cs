using System.Globalization;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>A plan as the administration list shows it.</summary>
public sealed record PlanRow(int Id, string Municipality, string Name, string PeriodLabel, int Policies, int Items, string? PredecessorName);

/// <summary>What the plan settings form edits.</summary>
public sealed record PlanSettings(
    string Name,
    string Subtitle,
    string Municipality,
    FiscalYear StartYear,
    FiscalYear EndYear,
    string PolicyLabel,
    string CategoryLabel,
    string ItemLabel,
    PercentageRounding Rounding,
    IReadOnlyList<string> Phases);

/// <summary>A policy with its categories and the number of items under it, for the structure page.</summary>
public sealed record PolicyRow(int Id, int Number, string Title, int SortOrder, int Items, IReadOnlyList<CategoryRow> Categories);

public sealed record CategoryRow(int Id, string Number, string Title, int SortOrder, int Items);

/// <summary>計画の管理: settings, revisions, policies and categories. Administrators only; each action is one transaction.</summary>
public sealed class PlanAdministration(PlanAdminOperations operations)
{
    public Task<IReadOnlyList<PlanRow>> ListAsync() => operations.ReadAsync<IReadOnlyList<PlanRow>>(async db =>
    {
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Municipality).ThenByDescending(p => p.StartYear).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Municipality, p.Name, p.StartYear, p.EndYear, p.PredecessorPlanId }).ToListAsync();
        var policies = await db.Policies.AsNoTracking().GroupBy(p => p.PlanId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var items = await db.ActionItems.AsNoTracking().GroupBy(i => i.PlanId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var names = plans.ToDictionary(p => p.Id, p => p.Name);
        return plans.Select(p => new PlanRow(
            p.Id, p.Municipality, p.Name, $"{new FiscalYear(p.StartYear).Label}～{new FiscalYear(p.EndYear).Label}",
            policies.GetValueOrDefault(p.Id), items.GetValueOrDefault(p.Id),
            p.PredecessorPlanId is { } predecessor ? names.GetValueOrDefault(predecessor) : null)).ToList();
    });

    /// <summary>The plan with its grades, revisions and years (no items).</summary>
    public Task<Plan> GetAsync(int id) => operations.ReadAsync(db => LoadAsync(db, id));

    /// <summary>The plan with its grades, revisions and years, for a handler that already has a context.</summary>
    internal static async Task<Plan> LoadAsync(AppDbContext db, int id) =>
        await db.Plans.AsNoTracking().Include(p => p.Grades).Include(p => p.Revisions).Include(p => p.Years).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();

    /// <summary>Creates a plan with the scale of <paramref name="scale"/> (S・A・B・C when none is chosen).</summary>
    public Task<int> CreateAsync(PlanSettings settings, ScaleTemplate? scale)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return operations.ChangeAsync("plan.create", new { settings.Municipality, settings.Name }, async db =>
        {
            await EnsureUniqueNameAsync(db, settings.Municipality, settings.Name, null);
            var plan = new Plan(settings.Name, settings.Municipality, settings.StartYear, settings.EndYear);
            Apply(plan, settings);
            plan.ReviseScale((scale ?? ScaleLibrary.TokushimaSabc).Grades, new HashSet<string>());
            db.Plans.Add(plan);
            await AdminSave.SaveAsync(db);
            return plan.Id;
        });
    }

    /// <summary>
    /// Changes the settings. The period must still hold every year the plan uses (schedule, KPI values and
    /// applicable years, plan years, evaluations, lifecycle years), and phase names in use cannot be removed.
    /// </summary>
    public Task UpdateAsync(int id, PlanSettings settings, uint? version)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return operations.ChangeAsync("plan.update", new { planId = id }, async db =>
        {
            var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();
            AdminSave.ExpectVersion(db, plan, version,
                ("計画名", plan.Name, settings.Name), ("副題", plan.Subtitle, settings.Subtitle), ("自治体名", plan.Municipality, settings.Municipality),
                ("計画期間", plan.PeriodLabel, $"{settings.StartYear.Label}～{settings.EndYear.Label}"),
                ("階層の名称", $"{plan.PolicyLabel}・{plan.CategoryLabel}・{plan.ItemLabel}", $"{settings.PolicyLabel}・{settings.CategoryLabel}・{settings.ItemLabel}"),
                ("スケジュールの段階", string.Join("、", plan.Phases), string.Join("、", settings.Phases)),
                ("割合の丸め方", RoundingLabel(plan.Rounding), RoundingLabel(settings.Rounding)));
            await EnsureUniqueNameAsync(db, settings.Municipality, settings.Name, id);
            if (plan.StartYear != settings.StartYear.Year || plan.EndYear != settings.EndYear.Year)
            {
                await EnsurePeriodHoldsAsync(db, id, settings.StartYear, settings.EndYear);
            }
            var removedPhases = plan.Phases.Except(settings.Phases.Select(p => p.Trim()), StringComparer.Ordinal).ToList();
            if (removedPhases.Count > 0)
            {
                var used = await db.ActionItems.AsNoTracking().Where(i => i.PlanId == id)
                    .SelectMany(i => i.Schedule.Where(s => removedPhases.Contains(s.Phase)).Select(s => new { i.Number, s.Phase, s.FiscalYear }))
                    .OrderBy(x => x.Number).FirstOrDefaultAsync();
                if (used is not null)
                {
                    throw new FieldRuleException("Phases", $"段階「{used.Phase}」は No.{used.Number} の{new FiscalYear(used.FiscalYear).Label}などのスケジュールで使われているため、削除できません。先にスケジュールを変更してください。");
                }
            }
            Apply(plan, settings);
            await AdminSave.SaveAsync(db);
        });
    }

    public Task AddRevisionAsync(int id, DateOnly date, string note) =>
        operations.ChangeAsync("plan.revision.add", new { planId = id, date }, async db =>
        {
            var plan = await db.Plans.Include(p => p.Revisions).SingleOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();
            plan.AddRevision(date, note);
            await AdminSave.SaveAsync(db);
        });

    public Task<IReadOnlyList<PolicyRow>> PoliciesAsync(int planId) => operations.ReadAsync(db => PoliciesAsync(db, planId));

    /// <summary>The plan's policies with their categories and item counts, for a handler that already has a context.</summary>
    internal static async Task<IReadOnlyList<PolicyRow>> PoliciesAsync(AppDbContext db, int planId)
    {
        var policies = await db.Policies.AsNoTracking().Include(p => p.Categories).Where(p => p.PlanId == planId)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Number).ToListAsync();
        var items = await db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId).Select(i => new { i.PolicyId, i.CategoryId }).ToListAsync();
        return policies.Select(p => new PolicyRow(
            p.Id, p.Number, p.Title, p.SortOrder, items.Count(i => i.PolicyId == p.Id),
            p.Categories.OrderBy(c => c.SortOrder).Select(c => new CategoryRow(c.Id, c.Number, c.Title, c.SortOrder, items.Count(i => i.CategoryId == c.Id))).ToList()))
            .ToList();
    }

    public Task<int> AddPolicyAsync(int planId, int number, string title) =>
        operations.ChangeAsync("plan.policy.add", new { planId, number }, async db =>
        {
            var plan = await db.Plans.Include(p => p.Policies).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            EnsureUniquePolicyNumber(plan, number, null);
            var policy = new Policy(number, title);
            policy.MoveTo(plan.Policies.Count == 0 ? 1 : plan.Policies.Max(p => p.SortOrder) + 1);
            plan.AddPolicy(policy);
            await AdminSave.SaveAsync(db);
            return policy.Id;
        });

    public Task UpdatePolicyAsync(int planId, int policyId, int number, string title, int sortOrder) =>
        operations.ChangeAsync("plan.policy.update", new { planId, policyId }, async db =>
        {
            var plan = await db.Plans.Include(p => p.Policies).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            var policy = plan.Policies.SingleOrDefault(p => p.Id == policyId) ?? throw new NotFoundException();
            EnsureUniquePolicyNumber(plan, number, policy);
            policy.Renumber(number);
            policy.Retitle(title);
            policy.MoveTo(sortOrder);
            await AdminSave.SaveAsync(db);
        });

    /// <summary>Only an empty policy can be removed: items keep their place and history.</summary>
    public Task DeletePolicyAsync(int planId, int policyId) =>
        operations.ChangeAsync("plan.policy.delete", new { planId, policyId }, async db =>
        {
            var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == policyId && p.PlanId == planId) ?? throw new NotFoundException();
            var items = await db.ActionItems.CountAsync(i => i.PolicyId == policyId);
            if (items > 0)
            {
                throw new DomainRuleException($"この方針には項目が{items}件あるため、削除できません。先に項目をほかの方針に移してください。");
            }
            db.Policies.Remove(policy);
            await AdminSave.SaveAsync(db);
        });

    public Task AddCategoryAsync(int planId, int policyId, string number, string title) =>
        operations.ChangeAsync("plan.category.add", new { planId, policyId, number }, async db =>
        {
            var policy = await db.Policies.Include(p => p.Categories).SingleOrDefaultAsync(p => p.Id == policyId && p.PlanId == planId) ?? throw new NotFoundException();
            EnsureUniqueCategory(policy, number, title, null);
            policy.AddCategory(number, title);
            await AdminSave.SaveAsync(db);
        });

    public Task UpdateCategoryAsync(int planId, int categoryId, string number, string title, int sortOrder) =>
        operations.ChangeAsync("plan.category.update", new { planId, categoryId }, async db =>
        {
            var policy = await db.Policies.Include(p => p.Categories).SingleOrDefaultAsync(p => p.PlanId == planId && p.Categories.Any(c => c.Id == categoryId)) ?? throw new NotFoundException();
            var category = policy.Categories.Single(c => c.Id == categoryId);
            EnsureUniqueCategory(policy, number, title, category);
            category.Change(number, title, sortOrder);
            await AdminSave.SaveAsync(db);
        });

    /// <summary>Removes a category; its items stay directly under the policy.</summary>
    public Task DeleteCategoryAsync(int planId, int categoryId) =>
        operations.ChangeAsync("plan.category.delete", new { planId, categoryId }, async db =>
        {
            var policy = await db.Policies.Include(p => p.Categories).SingleOrDefaultAsync(p => p.PlanId == planId && p.Categories.Any(c => c.Id == categoryId)) ?? throw new NotFoundException();
            var category = policy.Categories.Single(c => c.Id == categoryId);
            var items = await db.ActionItems.Where(i => i.CategoryId == categoryId).ToListAsync();
            foreach (var item in items)
            {
                item.Place(item.PolicyId, null, item.Number, item.SortOrder);
            }
            policy.RemoveCategory(category);
            await AdminSave.SaveAsync(db);
        });

    private static string RoundingLabel(PercentageRounding rounding) =>
        rounding == PercentageRounding.LargestRemainder ? "合計が100%になるように配分" : "それぞれを四捨五入";

    private static void Apply(Plan plan, PlanSettings settings)
    {
        plan.Describe(settings.Name, settings.Subtitle, settings.Municipality);
        plan.SetPeriod(settings.StartYear, settings.EndYear);
        plan.SetLabels(settings.PolicyLabel, settings.CategoryLabel, settings.ItemLabel);
        plan.SetRounding(settings.Rounding);
        try
        {
            plan.SetPhaseNames(settings.Phases);
        }
        catch (DomainRuleException e)
        {
            throw new FieldRuleException("Phases", e.Message);
        }
    }

    private static async Task EnsureUniqueNameAsync(AppDbContext db, string municipality, string name, int? except)
    {
        var m = municipality?.Trim() ?? string.Empty;
        var n = name?.Trim() ?? string.Empty;
        if (await db.Plans.AnyAsync(p => p.Municipality == m && p.Name == n && p.Id != except))
        {
            throw new FieldRuleException("Name", $"{m}の計画「{n}」は既にあります。別の名前にしてください。");
        }
    }

    private static void EnsureUniquePolicyNumber(Plan plan, int number, Policy? except)
    {
        if (plan.Policies.Any(p => p != except && p.Number == number))
        {
            throw new FieldRuleException("Number", $"{plan.PolicyLabel}{number.ToString(CultureInfo.InvariantCulture)}は既にあります。番号が重複しないようにしてください。");
        }
    }

    private static void EnsureUniqueCategory(Policy policy, string number, string title, Category? except)
    {
        var key = number?.Trim() is { Length: > 0 } n ? n : title?.Trim() ?? string.Empty;
        if (policy.Categories.Any(c => c != except && (c.Number.Length > 0 ? c.Number : c.Title) == key))
        {
            throw new FieldRuleException("Number", $"区分「{key}」はこの方針に既にあります。");
        }
    }

    /// <summary>Refuses a period that would leave a year the plan uses outside it, naming the first such use.</summary>
    private static async Task EnsurePeriodHoldsAsync(AppDbContext db, int planId, FiscalYear start, FiscalYear end)
    {
        if (end < start)
        {
            throw new FieldRuleException("EndYear", $"計画期間の終了年度（{end.Label}）が開始年度（{start.Label}）より前になっています。");
        }
        int s = start.Year, e = end.Year;
        var period = $"{start.Label}～{end.Label}";
        var items = db.ActionItems.AsNoTracking().Where(i => i.PlanId == planId);

        var phase = await items.SelectMany(i => i.Schedule.Where(p => p.FiscalYear < s || p.FiscalYear > e).Select(p => new { i.Number, p.FiscalYear, p.Phase }))
            .OrderBy(x => x.FiscalYear).FirstOrDefaultAsync();
        if (phase is not null)
        {
            throw Outside(start.Year > phase.FiscalYear, $"No.{phase.Number} のスケジュール（{new FiscalYear(phase.FiscalYear).Label}「{phase.Phase}」）", period);
        }
        var value = await items.SelectMany(i => i.Kpis.SelectMany(k => k.Values.Where(v => v.FiscalYear < s || v.FiscalYear > e).Select(v => new { i.Number, k.Name, v.FiscalYear })))
            .OrderBy(x => x.FiscalYear).FirstOrDefaultAsync();
        if (value is not null)
        {
            throw Outside(start.Year > value.FiscalYear, $"No.{value.Number} の指標「{value.Name}」の{new FiscalYear(value.FiscalYear).Label}の予定・実績", period);
        }
        var kpi = await items.SelectMany(i => i.Kpis.Where(k => k.FromYear < s || k.FromYear > e || k.ToYear < s || k.ToYear > e).Select(k => new { i.Number, k.Name, k.FromYear, k.ToYear }))
            .FirstOrDefaultAsync();
        if (kpi is not null)
        {
            throw Outside(kpi.FromYear < s || kpi.ToYear < s, $"No.{kpi.Number} の指標「{kpi.Name}」の適用年度", period);
        }
        var status = await items.Where(i => i.StatusYear < s || i.StatusYear > e).Select(i => new { i.Number, i.StatusYear }).FirstOrDefaultAsync();
        if (status is not null)
        {
            throw Outside(status.StatusYear < s, $"No.{status.Number} の完了・廃止・削除・移行の年度（{new FiscalYear(status.StatusYear!.Value).Label}）", period);
        }
        var year = await db.PlanYears.AsNoTracking().Where(y => y.PlanId == planId && (y.FiscalYear < s || y.FiscalYear > e)).OrderBy(y => y.FiscalYear).Select(y => (int?)y.FiscalYear).FirstOrDefaultAsync();
        var evaluation = await db.Evaluations.AsNoTracking().Where(v => v.PlanId == planId && (v.FiscalYear < s || v.FiscalYear > e)).OrderBy(v => v.FiscalYear).Select(v => (int?)v.FiscalYear).FirstOrDefaultAsync();
        if ((year ?? evaluation) is { } used)
        {
            throw Outside(used < s, $"{new FiscalYear(used).Label}の年度の管理・評価", period);
        }
    }

    private static FieldRuleException Outside(bool beforeStart, string what, string period) =>
        new(beforeStart ? "StartYear" : "EndYear", $"計画期間を{period}にすると、{what}が期間の外になります。先にそのデータを変更するか、それを含む期間にしてください。");
}
