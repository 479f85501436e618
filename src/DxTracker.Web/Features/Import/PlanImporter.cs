using System.Globalization;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DxTracker.Web.Features.Import;

/// <summary>
/// Imports a plan file (docs/import-format.md) into the database: all or nothing, in one transaction.
/// The whole file is checked first; then the plan is matched by municipality and name, policies and items by
/// number, departments by name, KPIs by name within their item and evaluations by item and year, and only what
/// differs is changed, so importing the same file twice changes nothing (and writes no audit entries).
/// Closed (確定) years are never changed: data is saved first and years are closed last.
/// </summary>
public sealed class PlanImporter(AppDbContext db, TimeProvider clock, ImportLimits? limits = null)
{
    /// <summary>The largest file accepted: the setting, or its default where the importer is made by hand.</summary>
    private ImportLimits Limits => limits ?? ImportLimits.Default;

    public async Task<ImportResult> ImportAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        await ImportAsync(content, progress: null, cancellationToken);

    /// <summary>The import, telling <paramref name="progress"/> which step it is at (<see cref="ImportProgress"/>).</summary>
    public async Task<ImportResult> ImportAsync(ReadOnlyMemory<byte> content, IProgress<ImportProgress>? progress, CancellationToken cancellationToken = default)
    {
        progress?.Report(ImportProgress.Reading);
        var (file, problems) = PlanFileReader.Read(content, Limits);
        if (file is null)
        {
            return ImportResult.Failed(problems);
        }
        return await new ImportRun(db, file, clock.GetUtcNow(), dryRun: false, progress).ExecuteAsync(cancellationToken);
    }

    /// <summary>
    /// Checks and applies the file exactly as <see cref="ImportAsync(ReadOnlyMemory{byte}, CancellationToken)"/> does, inside a transaction that is then rolled
    /// back: the summary says what an import would create and change, and nothing is written.
    /// </summary>
    public async Task<ImportResult> PreviewAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        await PreviewAsync(content, progress: null, cancellationToken);

    public async Task<ImportResult> PreviewAsync(ReadOnlyMemory<byte> content, IProgress<ImportProgress>? progress, CancellationToken cancellationToken = default)
    {
        progress?.Report(ImportProgress.Reading);
        var (file, problems) = PlanFileReader.Read(content, Limits);
        if (file is null)
        {
            return ImportResult.Failed(problems);
        }
        return await new ImportRun(db, file, clock.GetUtcNow(), dryRun: true, progress).ExecuteAsync(cancellationToken);
    }
}

/// <summary>One import of one checked file into the database.</summary>
internal sealed class ImportRun(AppDbContext db, PlanFile file, DateTimeOffset now, bool dryRun, IProgress<ImportProgress>? progress = null)
{
    /// <summary>How often the items' step is reported: every this many items (and at the last).</summary>
    private const int ProgressEvery = 100;

    private const string ClosedYearAdvice = "変更が必要な場合は、管理者が年度の確定を解除してから取り込み直してください。";

    private readonly List<ImportProblem> problems = [];
    private readonly Dictionary<object, string> paths = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<EvaluationPart, YearlyEvaluation> partOwners = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Department> departments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActionItem> items = new(StringComparer.Ordinal);
    private readonly Dictionary<(int ItemId, int Year), YearlyEvaluation> evaluations = [];
    private readonly HashSet<int> closedYears = [];
    private readonly List<PlanYear> yearsToClose = [];
    private readonly Dictionary<object, bool> changed = new(ReferenceEqualityComparer.Instance);
    private readonly List<(ItemEntry Entry, ActionItem Item)> placed = [];
    private List<Department> allDepartments = [];
    private Plan plan = null!;
    private bool planCreated;

    public async Task<ImportResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        // Changes are detected once, where this run asks for them: left on, every look at the change tracker (and each
        // save) compares every tracked entity again, a dozen passes over tens of thousands of rows in a large plan.
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await ExecuteOnceAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private async Task<ImportResult> ExecuteOnceAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        progress?.Report(ImportProgress.Loading);
        await LoadAsync(cancellationToken);
        // Everything is applied in memory even after a problem, so that one run reports every problem.
        ApplyPlan();
        ApplyDepartments();
        if (plan is not null)
        {
            ApplyYears();
            ApplyPoliciesAndItems();
            db.ChangeTracker.DetectChanges();
            CheckClosedYears();
        }
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ImportResult.Failed(problems);
        }

        try
        {
            // Data first: the database refuses writes to the evaluations of a closed year.
            progress?.Report(ImportProgress.Saving);
            Track();
            await db.SaveChangesAsync(cancellationToken);
            foreach (var year in yearsToClose)
            {
                year.Close();
                db.Entry(year).DetectChanges();
            }
            Track();
            await db.SaveChangesAsync(cancellationToken);
            if (dryRun)
            {
                var preview = Summarize();
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return ImportResult.Done(preview);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Explain(e) is { } message)
        {
            db.ChangeTracker.Clear();
            return ImportResult.Failed([new("$", message)]);
        }
        return ImportResult.Done(Summarize());
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Plans
            .Include(p => p.Grades).Include(p => p.Revisions).Include(p => p.Years)
            .Include(p => p.Policies).ThenInclude(p => p.Categories)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Municipality == file.Municipality && p.Name == file.Plan.Name, cancellationToken);
        allDepartments = await db.Departments.Include(d => d.FormerNames).ToListAsync(cancellationToken);
        if (existing is null)
        {
            return;
        }

        plan = existing;
        var existingItems = await db.ActionItems
            .Include(i => i.Departments).Include(i => i.Schedule).Include(i => i.Kpis).ThenInclude(k => k.Values)
            .AsSplitQuery()
            .Where(i => i.PlanId == existing.Id)
            .ToListAsync(cancellationToken);
        foreach (var item in existingItems)
        {
            items[item.Number] = item;
        }
        var existingEvaluations = await db.Evaluations.Include(e => e.Parts).Where(e => e.PlanId == existing.Id).ToListAsync(cancellationToken);
        foreach (var evaluation in existingEvaluations)
        {
            evaluations[(evaluation.ItemId, evaluation.FiscalYear)] = evaluation;
        }
        closedYears.UnionWith(existing.Years.Where(y => y.IsClosed).Select(y => y.FiscalYear));
    }

    private void ApplyPlan()
    {
        var section = file.Plan;
        Attempt(section.Path, () =>
        {
            if (plan is null)
            {
                plan = new Plan(section.Name, file.Municipality, new FiscalYear(section.StartYear), new FiscalYear(section.EndYear));
                planCreated = true;
                db.Plans.Add(plan);
            }
            plan.Describe(section.Name, section.Subtitle ?? plan.Subtitle, file.Municipality);
            if (plan.StartYear != section.StartYear || plan.EndYear != section.EndYear)
            {
                plan.SetPeriod(new FiscalYear(section.StartYear), new FiscalYear(section.EndYear));
            }
            plan.SetLabels(section.PolicyLabel ?? plan.PolicyLabel, section.CategoryLabel ?? plan.CategoryLabel, section.ItemLabel ?? plan.ItemLabel);
            plan.SetRounding(section.Rounding ?? plan.Rounding);
        });
        if (plan is null)
        {
            return;
        }

        if (section.Grades is { } grades)
        {
            foreach (var grade in grades)
            {
                Attempt(grade.Path, () =>
                {
                    var existing = plan.Grades.FirstOrDefault(g => g.Code == grade.Code);
                    if (existing is null)
                    {
                        plan.AddGrade(grade.Code, grade.Label, grade.Definition, grade.Kind);
                    }
                    else if (existing.Kind != grade.Kind)
                    {
                        problems.Add(new(grade.Path, $"評価区分「{grade.Code}」は登録済みの計画では{(existing.Kind == GradeKind.Grade ? "評価区分" : "完了・廃止などの区分")}です。種類は変えられません。"));
                    }
                    else
                    {
                        existing.Reword(grade.Label, grade.Definition);
                    }
                });
            }
        }
        else if (planCreated)
        {
            foreach (var (code, definition) in PlanFileReader.DefaultScale)
            {
                plan.AddGrade(code, string.Empty, definition);
            }
        }

        foreach (var revision in section.Revisions)
        {
            if (!plan.Revisions.Any(r => r.Date == revision.Date && r.Note == revision.Note))
            {
                Attempt(revision.Path, () => plan.AddRevision(revision.Date, revision.Note));
            }
        }
    }

    private void ApplyDepartments()
    {
        var codes = allDepartments.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var nextSortOrder = allDepartments.Count == 0 ? 10 : allDepartments.Max(d => d.SortOrder) + 10;
        var nextCode = 1;
        foreach (var entry in file.Departments)
        {
            var department = allDepartments.FirstOrDefault(d => d.Name == entry.Name);
            if (department is null)
            {
                var renamed = allDepartments.Where(d => d.FormerNames.Any(f => f.Name == entry.Name)).ToList();
                department = renamed.Count == 1 ? renamed[0] : null;
            }
            if (department is null)
            {
                var code = entry.Code;
                if (code is not null && codes.Contains(code))
                {
                    problems.Add(new(entry.Path, $"部署コード「{code}」は別の部署が使っています。"));
                    continue;
                }
                while (code is null || codes.Contains(code))
                {
                    code = string.Create(CultureInfo.InvariantCulture, $"IMP{nextCode++:0000}");
                }
                codes.Add(code);
                var created = Attempt(entry.Path, () => new Department(code, entry.Name, entry.Reading ?? string.Empty, nextSortOrder));
                if (created is null)
                {
                    continue;
                }
                nextSortOrder += 10;
                db.Departments.Add(created);
                allDepartments.Add(created);
                department = created;
            }
            departments[entry.Name] = department;

            foreach (var former in entry.FormerNames)
            {
                var year = new FiscalYear(former.UntilYear);
                if (department.NameIn(year) != former.Name)
                {
                    Attempt(former.Path, () => department.AddFormerName(former.Name, year));
                }
            }
        }
    }

    private void ApplyYears()
    {
        foreach (var entry in file.Years)
        {
            var fiscalYear = new FiscalYear(entry.FiscalYear);
            var year = plan.Years.FirstOrDefault(y => y.FiscalYear == entry.FiscalYear) ?? Attempt(entry.Path, () => plan.AddYear(fiscalYear));
            if (year is null)
            {
                continue;
            }
            paths[year] = entry.Path;
            if (closedYears.Contains(entry.FiscalYear))
            {
                var differs = (entry.State is { } state && state != PlanYearState.Closed)
                    || (entry.EntryDeadline is { } deadline && deadline != year.EntryDeadline)
                    || (entry.Conclusion is { } conclusion && conclusion != year.Conclusion);
                if (differs)
                {
                    problems.Add(new(entry.Path, $"{fiscalYear.Label}は確定済みのため、取り込みで状態・入力期限・総括を変更できません。{ClosedYearAdvice}"));
                }
                continue;
            }
            var target = entry.State ?? year.State;
            Attempt(entry.Path, () => year.Import(
                target == PlanYearState.Closed ? year.State : target,
                entry.EntryDeadline ?? year.EntryDeadline,
                entry.Conclusion ?? year.Conclusion));
            if (target == PlanYearState.Closed)
            {
                yearsToClose.Add(year);
            }
        }
    }

    private void ApplyPoliciesAndItems()
    {
        var itemOrder = 0;
        var itemCount = file.Policies.Sum(p => p.Items.Count);
        progress?.Report(ImportProgress.Applying(0, itemCount));
        for (var p = 0; p < file.Policies.Count; p++)
        {
            var entry = file.Policies[p];
            var policy = plan.Policies.FirstOrDefault(x => x.Number == entry.Number);
            if (policy is null)
            {
                policy = Attempt(entry.Path, () => new Policy(entry.Number, entry.Title));
                if (policy is null)
                {
                    continue;
                }
                plan.AddPolicy(policy);
                db.Add(policy);
            }
            Attempt(entry.Path, () => policy.Retitle(entry.Title));
            policy.MoveTo(p + 1);
            var categories = ApplyCategories(policy, entry.Categories);

            foreach (var itemEntry in entry.Items)
            {
                itemOrder++;
                if (ApplyItem(itemEntry, policy, categories, itemOrder) is { } item)
                {
                    placed.Add((itemEntry, item));
                }
                if (itemOrder % ProgressEvery == 0 || itemOrder == itemCount)
                {
                    progress?.Report(ImportProgress.Applying(itemOrder, itemCount));
                }
            }
        }

        // Lifecycles and evaluations once every item exists: an item may be merged into a later one.
        foreach (var (entry, item) in placed)
        {
            if (entry.Lifecycle is { } lifecycle)
            {
                ApplyLifecycle(lifecycle, item);
            }
            foreach (var evaluation in entry.Evaluations)
            {
                ApplyEvaluation(entry, evaluation, item);
            }
        }
    }

    private Dictionary<string, Category> ApplyCategories(Policy policy, IReadOnlyList<CategoryEntry> entries)
    {
        var result = new Dictionary<string, Category>(StringComparer.Ordinal);
        for (var c = 0; c < entries.Count; c++)
        {
            var entry = entries[c];
            var category = policy.Categories.FirstOrDefault(x => (x.Number.Length > 0 ? x.Number : x.Title) == entry.Key);
            if (category is null)
            {
                category = Attempt(entry.Path, () => new Category(entry.Number, entry.Title, c + 1));
                if (category is null)
                {
                    continue;
                }
                policy.AddCategory(category);
                db.Add(category);
            }
            else
            {
                // Category has no renaming method; its title and order are plain data without rules.
                var tracked = db.Entry(category);
                tracked.Property(x => x.Title).CurrentValue = entry.Title;
                tracked.Property(x => x.SortOrder).CurrentValue = c + 1;
            }
            result[entry.Key] = category;
        }
        return result;
    }

    private ActionItem? ApplyItem(ItemEntry entry, Policy policy, Dictionary<string, Category> categories, int sortOrder)
    {
        if (!items.TryGetValue(entry.Number, out var item))
        {
            item = Attempt(entry.Path, () => new ActionItem(plan.Id, policy.Id, entry.Number, entry.Title, sortOrder));
            if (item is null)
            {
                return null;
            }
            db.ActionItems.Add(item);
            items[entry.Number] = item;
        }

        int? categoryId = entry.Category is { } key
            ? categories.GetValueOrDefault(key)?.Id
            : item.PolicyId == policy.Id ? item.CategoryId : null;
        var ok = Attempt(entry.Path, () =>
        {
            item.Place(policy.Id, categoryId, entry.Number, sortOrder);
            item.Describe(
                entry.Title,
                entry.Content ?? item.Content,
                entry.Goal ?? item.Goal,
                entry.Overview ?? item.Overview,
                entry.Purpose ?? item.Purpose,
                entry.Outcome ?? item.Outcome);
            return true;
        });
        if (!ok)
        {
            return null;
        }

        foreach (var link in entry.Departments)
        {
            if (!departments.TryGetValue(link.Name, out var department))
            {
                continue;
            }
            var existing = item.Departments.FirstOrDefault(d => d.DepartmentId == department.Id);
            if (existing is null)
            {
                Attempt(link.Path, () => item.AssignDepartment(department.Id, link.Role));
            }
            else if (existing.Role != link.Role)
            {
                // A department's role in an item carries no rule of its own.
                db.Entry(existing).Property(x => x.Role).CurrentValue = link.Role;
            }
        }
        foreach (var phase in entry.Schedule)
        {
            Attempt(phase.Path, () => item.SetPhase(new FiscalYear(phase.FiscalYear), phase.Phase));
        }
        ApplyKpis(entry, item);
        return item;
    }

    private void ApplyKpis(ItemEntry entry, ActionItem item)
    {
        var kpis = new Dictionary<string, Kpi>(StringComparer.Ordinal);
        for (var k = 0; k < entry.Kpis.Count; k++)
        {
            var kpiEntry = entry.Kpis[k];
            var kpi = item.Kpis.FirstOrDefault(x => x.Name == kpiEntry.Name);
            if (kpi is null)
            {
                var order = item.Kpis.Count + 1;
                kpi = Attempt(kpiEntry.Path, () => new Kpi(kpiEntry.Name, kpiEntry.Unit ?? string.Empty, kpiEntry.Direction ?? KpiDirection.HigherIsBetter, order));
                if (kpi is null)
                {
                    continue;
                }
                item.AddKpi(kpi);
                db.Add(kpi);
            }
            kpis[kpiEntry.Name] = kpi;
            var target = kpi;
            Attempt(kpiEntry.Path, () =>
            {
                target.Describe(kpiEntry.Name, kpiEntry.Unit ?? target.Unit, kpiEntry.Direction ?? target.Direction);
                if (kpiEntry.Baseline is not null || kpiEntry.BaselineYear is not null)
                {
                    var baseline = kpiEntry.Baseline
                        ?? (target.BaselineText.Length > 0 || target.BaselineValue is not null ? new KpiMeasurement(target.BaselineValue, string.Empty, target.BaselineText, false) : null);
                    var baselineYear = kpiEntry.BaselineYear ?? target.BaselineYear;
                    target.SetBaseline(baseline, baselineYear is { } y ? new FiscalYear(y) : null);
                }
                if (kpiEntry.FromYear is not null || kpiEntry.ToYear is not null)
                {
                    var from = kpiEntry.FromYear ?? target.FromYear;
                    var to = kpiEntry.ToYear ?? target.ToYear;
                    target.SetApplicableYears(from is { } f ? new FiscalYear(f) : null, to is { } t ? new FiscalYear(t) : null);
                }
            });
            foreach (var value in kpiEntry.Values)
            {
                var year = new FiscalYear(value.FiscalYear);
                Attempt(value.Path, () =>
                {
                    if (value.Planned is { } planned)
                    {
                        target.SetPlanned(year, planned);
                    }
                    if (value.Actual is { } actual)
                    {
                        target.SetActual(year, actual);
                    }
                    paths[target.ValueFor(year)] = value.Path;
                });
            }
        }
        foreach (var kpiEntry in entry.Kpis)
        {
            if (kpiEntry.ReplacedBy is { } successorName && kpis.TryGetValue(kpiEntry.Name, out var kpi) && kpis.TryGetValue(successorName, out var successor)
                && kpi.ReplacedByKpiId != successor.Id)
            {
                kpi.LinkReplacement(successor.Id);
            }
        }
    }

    private void ApplyLifecycle(LifecycleEntry lifecycle, ActionItem item) => Attempt(lifecycle.Path, () =>
    {
        FiscalYear? year = lifecycle.FiscalYear is { } y ? new FiscalYear(y) : null;
        if (lifecycle.State != ItemStatus.Merged)
        {
            item.ChangeStatus(lifecycle.State, year, lifecycle.Reason);
        }
        else if (items.TryGetValue(lifecycle.MergedInto!, out var target))
        {
            item.MergeInto(target, year!.Value, lifecycle.Reason);
        }
    });

    private void ApplyEvaluation(ItemEntry itemEntry, EvaluationEntry entry, ActionItem item)
    {
        var codes = plan.Grades.Select(g => g.Code).ToList();
        if (entry.SelfRating is { } self && !codes.Contains(self))
        {
            problems.Add(new(entry.RatingPath, $"評価「{self}」はこの計画の評価区分（{string.Join("、", codes)}）にありません。"));
            return;
        }
        if (entry.FinalRating is { } final && !codes.Contains(final))
        {
            problems.Add(new(JsonFields.Join(entry.Path, "finalRating"), $"評価「{final}」はこの計画の評価区分（{string.Join("、", codes)}）にありません。"));
            return;
        }

        if (!evaluations.TryGetValue((item.Id, entry.FiscalYear), out var evaluation))
        {
            evaluation = new YearlyEvaluation(plan.Id, item.Id, new FiscalYear(entry.FiscalYear));
            db.Evaluations.Add(evaluation);
            evaluations[(item.Id, entry.FiscalYear)] = evaluation;
        }
        paths[evaluation] = entry.Path;

        // Every department of the item has its part, in the item's order; the file's texts go into theirs.
        foreach (var link in itemEntry.Departments)
        {
            if (!departments.TryGetValue(link.Name, out var department))
            {
                continue;
            }
            var part = evaluation.PartFor(department.Id);
            partOwners[part] = evaluation;
            if (entry.Parts.FirstOrDefault(p => p.Department == link.Name) is { } text
                && (part.ResultText != text.Result || part.ImprovementText != text.Improvement))
            {
                Attempt(text.Path, () => part.Import(text.Result, text.Improvement));
            }
        }

        Attempt(entry.Path, () =>
        {
            if (entry.Status == EvaluationStatus.Approved)
            {
                var finalRating = entry.FinalRating == entry.SelfRating ? null : entry.FinalRating;
                var reason = finalRating is null ? string.Empty : entry.FinalRatingReason;
                if (evaluation.Status != EvaluationStatus.Approved || evaluation.SelfRating != entry.SelfRating
                    || evaluation.FinalRating != finalRating || evaluation.FinalRatingReason != reason)
                {
                    evaluation.ImportApproved(plan, entry.SelfRating, finalRating, reason, now);
                }
                foreach (var part in evaluation.Parts.Where(p => !p.IsSubmitted))
                {
                    part.MarkImported();
                }
            }
            else if (evaluation.Status != entry.Status || evaluation.SelfRating != entry.SelfRating
                || (entry.Status == EvaluationStatus.Returned && evaluation.ReturnComment != entry.ReturnComment)
                || evaluation.Parts.Any(p => p.IsSubmitted != (entry.Status == EvaluationStatus.Submitted)))
            {
                evaluation.ImportInProgress(plan, entry.Status, entry.SelfRating, entry.ReturnComment, now);
            }
        });
    }

    /// <summary>A closed year is read-only: any change the file would make to it is a problem, named by its path.</summary>
    private void CheckClosedYears()
    {
        if (closedYears.Count == 0)
        {
            return;
        }
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var (year, owner) = entry.Entity switch
            {
                YearlyEvaluation e => (e.FiscalYear, (object)e),
                EvaluationPart p when partOwners.TryGetValue(p, out var e) => (e.FiscalYear, e),
                KpiValue v => (v.FiscalYear, v),
                _ => (0, (object?)null),
            };
            if (owner is null || !closedYears.Contains(year))
            {
                continue;
            }
            var path = paths.GetValueOrDefault(owner, "$");
            if (reported.Add(path))
            {
                problems.Add(new(path, $"{new FiscalYear(year).Label}は確定済みのため、ファイルの内容で変更できません（データベースの内容と異なります）。{ClosedYearAdvice}"));
            }
        }
    }

    /// <summary>Remembers what each save creates and updates (changes detected), for the summary.</summary>
    private void Track()
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added)
            {
                changed.TryAdd(entry.Entity, true);
            }
            else if (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
            {
                changed.TryAdd(entry.Entity, false);
            }
        }
    }

    private ImportSummary Summarize()
    {
        var counts = ImportSummary.Kinds
            .Select(kind => (changed.Count(c => c.Key.GetType() == kind && c.Value), changed.Count(c => c.Key.GetType() == kind && !c.Value)))
            .ToList();
        return ImportSummary.Create(plan.Municipality, plan.Name, plan.Id, planCreated, plan.PolicyLabel, plan.CategoryLabel, plan.ItemLabel, counts) with
        {
            ItemChanges = ItemChanges(),
        };
    }

    /// <summary>For each item of the file: whether the item (with its departments, schedule and KPIs) and its evaluations were created or changed.</summary>
    private List<ImportItemChange> ItemChanges()
    {
        var kpiValues = new Dictionary<KpiValue, int>(ReferenceEqualityComparer.Instance);
        foreach (var (_, item) in placed)
        {
            foreach (var value in item.Kpis.SelectMany(k => k.Values))
            {
                kpiValues[value] = item.Id;
            }
        }
        var itemChanges = new Dictionary<int, ImportChange>();
        var evaluationChanges = new Dictionary<int, ImportChange>();
        foreach (var (entity, created) in changed)
        {
            var change = created ? ImportChange.Created : ImportChange.Updated;
            switch (entity)
            {
                case ActionItem a:
                    itemChanges[a.Id] = change;
                    break;
                case ItemDepartment d:
                    itemChanges.TryAdd(d.ItemId, ImportChange.Updated);
                    break;
                case SchedulePhase p:
                    itemChanges.TryAdd(p.ItemId, ImportChange.Updated);
                    break;
                case Kpi k:
                    itemChanges.TryAdd(k.ItemId, ImportChange.Updated);
                    break;
                case KpiValue v when kpiValues.TryGetValue(v, out var itemId):
                    itemChanges.TryAdd(itemId, ImportChange.Updated);
                    break;
                case YearlyEvaluation e:
                    evaluationChanges[e.ItemId] = change;
                    break;
                case EvaluationPart part when partOwners.TryGetValue(part, out var owner):
                    evaluationChanges.TryAdd(owner.ItemId, ImportChange.Updated);
                    break;
            }
        }
        return placed.Select(p => new ImportItemChange(
            p.Item.Number, p.Item.Title,
            itemChanges.GetValueOrDefault(p.Item.Id, ImportChange.Unchanged),
            evaluationChanges.GetValueOrDefault(p.Item.Id, ImportChange.Unchanged))).ToList();
    }

    private static string? Explain(DbUpdateException exception) => exception switch
    {
        DbUpdateConcurrencyException => "取り込みの途中で、ほかの利用者が同じデータを変更しました。データは変更していません。もう一度取り込んでください。",
        _ when DatabaseRefusals.IsClosedYear(exception) =>
            $"確定済みの年度のデータは変更できません。データは変更していません。{ClosedYearAdvice}",
        { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
            "同じ計画や部署が同時に登録されました（別の取り込みが同時に行われた可能性があります）。データは変更していません。もう一度取り込んでください。",
        _ => null,
    };

    private void Attempt(string path, Action action)
    {
        try
        {
            action();
        }
        catch (DomainRuleException e)
        {
            problems.Add(new(path, e.Message));
        }
    }

    private T? Attempt<T>(string path, Func<T> create) where T : class
    {
        try
        {
            return create();
        }
        catch (DomainRuleException e)
        {
            problems.Add(new(path, e.Message));
            return null;
        }
    }

    private bool Attempt(string path, Func<bool> action)
    {
        try
        {
            return action();
        }
        catch (DomainRuleException e)
        {
            problems.Add(new(path, e.Message));
            return false;
        }
    }
}
