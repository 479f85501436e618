using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Import;
using DxTracker.Web.Infrastructure;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>Where the workbook goes: an existing plan, or a new plan of a municipality over a period.</summary>
public sealed record WorkbookDestination(int? PlanId, string? Municipality, FiscalYear? StartYear, FiscalYear? EndYear);

/// <summary>The outcome of a preview or an import: the problems by cell (nothing written), or what is (or was) created and changed.</summary>
public sealed record WorkbookImportResult(IReadOnlyList<WorkbookProblem> Problems, ImportSummary? Summary, string? PlanName, FiscalYear? Year)
{
    public bool Succeeded => Summary is not null;
}

/// <summary>A plan a workbook can be imported into.</summary>
public sealed record WorkbookPlan(int Id, string Label);

/// <summary>
/// 取組実績一覧（Excel）の取り込み: the workbook is read into the JSON import format and goes through
/// <see cref="PlanImporter"/>, so the same checks, the one transaction and the idempotency apply; its problems are
/// said by sheet, row and column. A preview runs the whole import and rolls it back. Administrators only; each
/// preview or import runs in a scope of its own (one DbContext per operation) acting as the signed-in user.
/// </summary>
public sealed class WorkbookImport(OperationScopes scopes, CircuitPrincipal principal, IDbContextFactory<AppDbContext> databases, ActionLog log)
{
    /// <summary>The largest workbook accepted (published reports are tens of kilobytes).</summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>The plans to import into, as the destination list names them.</summary>
    public async Task<IReadOnlyList<WorkbookPlan>> PlansAsync()
    {
        principal.EnsureAdmin();
        await using var db = await databases.CreateDbContextAsync();
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Municipality).ThenByDescending(p => p.StartYear).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Municipality, p.Name, p.StartYear, p.EndYear }).ToListAsync();
        return plans.Select(p => new WorkbookPlan(p.Id, $"{p.Municipality}「{p.Name}」（{new FiscalYear(p.StartYear).Label}～{new FiscalYear(p.EndYear).Label}）")).ToList();
    }

    public Task<WorkbookImportResult> PreviewAsync(byte[] content, WorkbookDestination destination) => RunAsync("import.workbook.preview", content, destination, preview: true);

    public Task<WorkbookImportResult> ImportAsync(byte[] content, WorkbookDestination destination) => RunAsync("import.workbook", content, destination, preview: false);

    private Task<WorkbookImportResult> RunAsync(string action, byte[] content, WorkbookDestination destination, bool preview)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(destination);
        principal.EnsureAdmin();
        return log.RunAsync(action, new { destination.PlanId, bytes = content.Length }, () => scopes.RunAsync(services =>
            RunAsync(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<PlanImporter>(), content, destination, preview)));
    }

    private static async Task<WorkbookImportResult> RunAsync(AppDbContext db, PlanImporter importer, byte[] content, WorkbookDestination destination, bool preview)
    {
        if (content.Length > MaxFileBytes)
        {
            return Failed(new WorkbookProblem(null, UploadSize.TooLarge(content.Length, MaxFileBytes)));
        }
        var target = await TargetAsync(db, destination);
        if (target.Problem is { } problem)
        {
            return Failed(problem);
        }
        var (workbook, problems) = ResultsWorkbookReader.Read(content, target.Target!);
        if (workbook is null)
        {
            return new WorkbookImportResult(problems, null, null, null);
        }
        if (target.Target!.NewPlan && await db.Plans.AnyAsync(p => p.Municipality == target.Target.Municipality && p.Name == workbook.PlanName))
        {
            return Failed(new WorkbookProblem(workbook.Locate("$.plan.name"), $"{target.Target.Municipality}の計画「{workbook.PlanName}」は既にあります。取り込み先にその計画を選んでください。"));
        }

        var result = preview ? await importer.PreviewAsync(workbook.Json) : await importer.ImportAsync(workbook.Json);
        return result.Summary is { } summary
            ? new WorkbookImportResult([], summary, workbook.PlanName, workbook.Year)
            : new WorkbookImportResult(result.Problems.Select(p => new WorkbookProblem(workbook.Locate(p.Path), Explain(p))).ToList(), null, workbook.PlanName, workbook.Year);
    }

    private static WorkbookImportResult Failed(WorkbookProblem problem) => new([problem], null, null, null);

    /// <summary>Messages that speak of the JSON format are said in the workbook's terms.</summary>
    private static string Explain(ImportProblem problem) => problem.Message
        .Replace("（departments）", string.Empty, StringComparison.Ordinal)
        .Replace("（rating）", string.Empty, StringComparison.Ordinal);

    private static async Task<(WorkbookTarget? Target, WorkbookProblem? Problem)> TargetAsync(AppDbContext db, WorkbookDestination destination)
    {
        if (destination.PlanId is { } planId)
        {
            var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => new { p.Municipality, p.Name, p.StartYear, p.EndYear }).SingleOrDefaultAsync();
            return plan is null
                ? (null, new WorkbookProblem(null, "取り込み先の計画が見つかりません。画面を開き直してください。"))
                : (new WorkbookTarget(plan.Municipality, plan.Name, new FiscalYear(plan.StartYear), new FiscalYear(plan.EndYear), NewPlan: false), null);
        }
        var municipality = destination.Municipality?.Trim() ?? string.Empty;
        if (municipality.Length == 0)
        {
            return (null, new WorkbookProblem(null, "新しい計画として取り込むときは、自治体名を入力してください。"));
        }
        if (destination.StartYear is not { } start || destination.EndYear is not { } end)
        {
            return (null, new WorkbookProblem(null, "新しい計画として取り込むときは、計画期間の開始年度と終了年度を入力してください（Excel ファイルには計画期間が書かれていないため）。"));
        }
        if (end < start)
        {
            return (null, new WorkbookProblem(null, $"計画期間の終了年度（{end.Label}）が開始年度（{start.Label}）より前になっています。"));
        }
        return (new WorkbookTarget(municipality, null, start, end, NewPlan: true), null);
    }
}
