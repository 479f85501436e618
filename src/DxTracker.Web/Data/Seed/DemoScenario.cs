using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Data.Seed;

/// <summary>
/// The demo as the run command shows it (<c>DxTracker:DemoScenario</c>, on top of the demo data): 令和2年度 published,
/// 令和3年度 open with a deadline three weeks after the day the database is created, and its items in a mix of
/// states, so that each role's start page shows real work. Tests load the demo data without it, so their figures do not
/// depend on the day they run.
/// </summary>
internal static class DemoScenario
{
    public static readonly TimeSpan DeadlineAfterCreation = TimeSpan.FromDays(21);

    public static async Task ApplyAsync(AppDbContext db, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var plan = await db.Plans.Include(p => p.Years).Include(p => p.Grades)
            .SingleAsync(p => p.Name == DemoData.PlanName && p.Municipality == DemoData.Municipality);
        var published = plan.Years.Single(y => y.FiscalYear == DemoData.PublishedYear);
        published.Publish(true);
        var open = plan.Years.Single(y => y.FiscalYear == DemoData.OpenYear);
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(9)).DateTime);
        open.OpenForEntry(today.AddDays(DeadlineAfterCreation.Days));

        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name);
        var items = await db.ActionItems.Include(i => i.Departments).Where(i => i.PlanId == plan.Id)
            .OrderBy(i => i.SortOrder).ToListAsync();
        ActionItem[] Of(string department) =>
            items.Where(i => i.Departments.Any(d => departments[d.DepartmentId] == department)).ToArray();
        var previous = await db.Evaluations.AsNoTracking().Include(e => e.Parts)
            .Where(e => e.PlanId == plan.Id && e.FiscalYear == DemoData.PublishedYear).ToDictionaryAsync(e => e.ItemId);

        var started = new Dictionary<int, YearlyEvaluation>();
        YearlyEvaluation Start(ActionItem item)
        {
            if (!started.TryGetValue(item.Id, out var evaluation))
            {
                evaluation = new YearlyEvaluation(plan.Id, item.Id, new FiscalYear(DemoData.OpenYear));
                db.Evaluations.Add(evaluation);
                started[item.Id] = evaluation;
            }
            return evaluation;
        }
        string LastYear(ActionItem item, int departmentId) =>
            previous.TryGetValue(item.Id, out var e) ? e.Parts.FirstOrDefault(p => p.DepartmentId == departmentId)?.ResultText ?? string.Empty : string.Empty;
        void Write(YearlyEvaluation evaluation, ActionItem item, int departmentId, string rating, string by, bool submit)
        {
            var text = LastYear(item, departmentId) is { Length: > 0 } last
                ? $"（令和3年度）前年度に続き、{Shorten(last)}"
                : "（令和3年度）計画に沿って取組を進めた。";
            evaluation.SaveDraft(open, plan, departmentId, text, "引き続き、取組の効果を検証しながら進める。", rating, by, now);
            if (submit)
            {
                evaluation.SubmitPart(open, departmentId, item.Departments.Select(d => d.DepartmentId).ToList(), by, now);
            }
        }

        // 総務課 (the demo editor): a part returned with a comment and one submitted (on items it owns alone, so that a
        // submitted part is a submitted item), and a draft to finish.
        var somuId = departments.Single(d => d.Value == "総務課").Key;
        var somuAlone = Of("総務課").Where(i => i.Departments.Count == 1).ToList();
        if (somuAlone.Count > 0)
        {
            var returned = Start(somuAlone[0]);
            Write(returned, somuAlone[0], somuId, "B", "editor", submit: true);
            returned.Return(open, "KPI の実績値の根拠（集計の時点）を取組実績に書き添えてください。", "reviewer", now);
        }
        if (somuAlone.Count > 1)
        {
            Write(Start(somuAlone[1]), somuAlone[1], somuId, "A", "editor", submit: true);
        }
        if (Of("総務課").Except(somuAlone.Take(2)).FirstOrDefault() is { } draft)
        {
            Write(Start(draft), draft, somuId, "A", "editor", submit: false);
        }

        // デジタル推進課 (the office, which also owns items): some approved, one with a changed rating, one submitted,
        // and a shared item with only one department's part submitted.
        var digital = Of("デジタル推進課");
        var digitalId = departments.Single(d => d.Value == "デジタル推進課").Key;
        var sole = digital.Where(i => i.Departments.Count == 1).ToArray();
        for (var i = 0; i < Math.Min(3, sole.Length); i++)
        {
            var evaluation = Start(sole[i]);
            Write(evaluation, sole[i], digitalId, "A", "reviewer", submit: true);
            evaluation.Approve(open, plan, i == 2 ? "B" : null, i == 2 ? "KPI の実績が目標を下回っているため。" : null, "reviewer", now);
        }
        if (sole.Length > 3)
        {
            Write(Start(sole[3]), sole[3], digitalId, "S", "reviewer", submit: true);
        }
        if (digital.FirstOrDefault(i => i.Departments.Count > 1 && !started.ContainsKey(i.Id)) is { } shared)
        {
            Write(Start(shared), shared, digitalId, "A", "reviewer", submit: true);
        }
        await db.SaveChangesAsync();
    }

    private static string Shorten(string text)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        return firstLine.Length > 80 ? firstLine[..80] + "…" : firstLine;
    }
}
