using DxTracker.Web.Data;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The plan's scale with the number of evaluations that use each code (as self-rating or final rating).</summary>
public sealed record ScalePage(Plan Plan, IReadOnlyDictionary<string, int> Usage)
{
    public IReadOnlyList<RatingGrade> Grades => Plan.Grades.OrderBy(g => g.Kind).ThenBy(g => g.SortOrder).ToList();

    public bool InUse => Usage.Values.Any(n => n > 0);

    public int UsageOf(string code) => Usage.GetValueOrDefault(code);
}

/// <summary>評価区分の管理: the plan's grades and outcome marks, edited as a whole or started from the library.</summary>
public sealed class ScaleAdministration(PlanAdminOperations operations)
{
    public Task<ScalePage> LoadAsync(int planId)
    {
        return operations.ReadAsync(async db =>
        {
            var plan = await db.Plans.AsNoTracking().Include(p => p.Grades).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
            return new ScalePage(plan, await UsageAsync(db, planId));
        });
    }

    /// <summary>
    /// Replaces the scale with <paramref name="grades"/> (see <see cref="Plan.ReviseScale"/>). <paramref name="version"/>
    /// is the plan's version the form was opened with: a save over someone else's change of the plan is refused.
    /// </summary>
    public Task SaveAsync(int planId, IReadOnlyList<GradeDraft> grades, uint? version)
    {
        ArgumentNullException.ThrowIfNull(grades);
        return operations.ChangeAsync("scale.save", new { planId }, db => ReviseAsync(db, planId, grades, version));
    }

    /// <summary>Replaces the scale with the library's template <paramref name="key"/>, as <see cref="SaveAsync"/> does.</summary>
    public Task ApplyTemplateAsync(int planId, string key, uint? version) =>
        operations.ChangeAsync("scale.template", new { planId, key }, db => ReviseAsync(db, planId, (ScaleLibrary.Find(key) ?? throw new NotFoundException()).Grades, version));

    private static async Task ReviseAsync(AppDbContext db, int planId, IReadOnlyList<GradeDraft> grades, uint? version)
    {
        var plan = await db.Plans.Include(p => p.Grades).SingleOrDefaultAsync(p => p.Id == planId) ?? throw new NotFoundException();
        AdminSave.ExpectVersion(db, plan, version, ("評価区分", Codes(plan.Grades.OrderBy(g => g.Kind).ThenBy(g => g.SortOrder).Select(g => g.Code)), Codes(grades.Select(g => g.Code))));
        var usage = await UsageAsync(db, planId);
        plan.ReviseScale(grades, usage.Where(u => u.Value > 0).Select(u => u.Key).ToHashSet(StringComparer.Ordinal));
        // The grades are rows of their own: the plan's row is written too, so that its version changes and a form
        // opened before this save is refused (and this save is, when another one got in first).
        db.Entry(plan).Property(p => p.Name).IsModified = true;
        await AdminSave.SaveAsync(db);
    }

    private static string Codes(IEnumerable<string> codes) => string.Join("・", codes.Select(c => c.Trim()).Where(c => c.Length > 0));

    private static async Task<Dictionary<string, int>> UsageAsync(AppDbContext db, int planId)
    {
        var self = await db.Evaluations.AsNoTracking().Where(e => e.PlanId == planId && e.SelfRating != null)
            .GroupBy(e => e.SelfRating!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var final = await db.Evaluations.AsNoTracking().Where(e => e.PlanId == planId && e.FinalRating != null)
            .GroupBy(e => e.FinalRating!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        return self.Concat(final).GroupBy(x => x.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(x => x.Count), StringComparer.Ordinal);
    }
}
