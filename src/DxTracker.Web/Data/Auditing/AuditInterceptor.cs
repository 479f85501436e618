using System.Globalization;
using System.Runtime.CompilerServices;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DxTracker.Web.Data.Auditing;

/// <summary>
/// Records every change to plan data and evaluations in the same save, so that the audit trail can never
/// miss a change or record one that did not happen. Keys come from HiLo sequences and are known here.
/// </summary>
internal sealed class AuditInterceptor(ICurrentActor actor, TimeProvider clock, int bulkRows = AuditInterceptor.BulkRows) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Audited =
    [
        typeof(Plan), typeof(RatingGrade), typeof(PlanRevision), typeof(PlanYear), typeof(Policy), typeof(Category),
        typeof(ActionItem), typeof(ItemDepartment), typeof(SchedulePhase), typeof(Kpi), typeof(KpiValue),
        typeof(YearlyEvaluation), typeof(EvaluationPart), typeof(Department), typeof(DepartmentFormerName),
    ];

    private static readonly HashSet<string> Ignored = ["Version", "UpdatedAt", "UpdatedBy", "SortOrder"];

    /// <summary>
    /// From this many audit rows in one save inside the caller's transaction, the save's new rows are written by COPY
    /// before it (<see cref="NewRowsBulkWriter"/>) and its audit rows by COPY after it (<see cref="AuditBulkWriter"/>).
    /// </summary>
    internal const int BulkRows = 500;

    // The rows waiting for COPY, per context: the interceptor serves every context its scope creates.
    private readonly ConditionalWeakTable<DbContext, AuditRows> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            context.Set<AuditEntry>().AddRange(EntriesFor(Tracked(context)).Entries());
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var tracked = Tracked(context);
            var entries = EntriesFor(tracked);
            // In the same transaction as the rest of the save: a save that fails leaves no rows, and a COPY that fails
            // fails the save's transaction. Without a transaction of the caller's, the rows go with EF Core's own.
            if (entries.Count >= bulkRows && context.Database.CurrentTransaction is not null)
            {
                await NewRowsBulkWriter.WriteAsync(context, tracked, cancellationToken);
                pending.AddOrUpdate(context, entries);
            }
            else
            {
                // Async: the keys come from the HiLo sequence, and a new block is fetched from the database. The
                // synchronous AddRange fetched it with a blocking call under EF Core's lock, and 200 saves at once
                // starved the thread pool (SaveBurstTests).
                await context.Set<AuditEntry>().AddRangeAsync(entries.Entries(), cancellationToken);
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && pending.TryGetValue(context, out var entries))
        {
            pending.Remove(context);
            await AuditBulkWriter.WriteAsync(context, entries.Entries(), entries.Count, cancellationToken);
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) => Forget(eventData.Context);

    /// <summary>A save that did not happen leaves no rows waiting.</summary>
    private Task Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
        return Task.CompletedTask;
    }

    // Entries() detects changes once when automatic detection is on (a caller that switched it off, as the import does,
    // has detected them itself).
    private static List<EntityEntry> Tracked(DbContext context) => context.ChangeTracker.Entries().ToList();

    private AuditRows EntriesFor(List<EntityEntry> tracked)
    {
        var rows = new AuditRows(this, clock.GetUtcNow());
        // The parents that a KPI value's and a department part's scope comes from, looked up once per save: asking the
        // change tracker for them per row made a large import quadratic (each query runs change detection again).
        var kpiItems = new Dictionary<int, int>();
        var evaluations = new Dictionary<int, YearlyEvaluation>();
        foreach (var entry in tracked)
        {
            switch (entry.Entity)
            {
                case Kpi kpi:
                    kpiItems.TryAdd(kpi.Id, kpi.ItemId);
                    break;
                case YearlyEvaluation evaluation:
                    evaluations.TryAdd(evaluation.Id, evaluation);
                    break;
            }
        }
        foreach (var entry in tracked)
        {
            if (!Audited.Contains(entry.Metadata.ClrType) || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            var scope = Scope(entry.Entity, kpiItems, evaluations);
            switch (entry.State)
            {
                case EntityState.Added:
                    // Described when the row is written: a new row's values stay as they are through the save, and a
                    // large import's quarter of a million descriptions need not all be in memory at once.
                    rows.Add(new AuditRow(null, entry, scope));
                    break;
                case EntityState.Deleted:
                    rows.Add(new AuditRow(New(rows.At, entry, "Deleted", scope).WithChange(null, Describe(entry, p => p.OriginalValue), null), null, scope));
                    break;
                case EntityState.Modified:
                    foreach (var property in entry.Properties.Where(p => p.IsModified && !Ignored.Contains(p.Metadata.Name) && !Equals(p.OriginalValue, p.CurrentValue)))
                    {
                        rows.Add(new AuditRow(New(rows.At, entry, "Updated", scope)
                            .WithChange(property.Metadata.Name, Format(property.OriginalValue), Format(property.CurrentValue)), null, scope));
                    }
                    break;
            }
        }
        return rows;
    }

    private AuditEntry New(DateTimeOffset at, EntityEntry entry, string action, (int? PlanId, int? ItemId, int? FiscalYear) scope) =>
        new AuditEntry(at, actor.UserId, actor.UserName, entry.Metadata.ClrType.Name, KeyOf(entry), action).About(scope.PlanId, scope.ItemId, scope.FiscalYear);

    /// <summary>A save's audit rows in the order of its changes: built (a change or a deletion, whose old values go with the save) or to describe (a new row).</summary>
    private readonly record struct AuditRow(AuditEntry? Built, EntityEntry? Created, (int? PlanId, int? ItemId, int? FiscalYear) Scope);

    private sealed class AuditRows(AuditInterceptor interceptor, DateTimeOffset at)
    {
        private readonly List<AuditRow> rows = [];

        public DateTimeOffset At => at;

        public int Count => rows.Count;

        public void Add(AuditRow row) => rows.Add(row);

        public IEnumerable<AuditEntry> Entries() => rows.Select(row => row.Built
            ?? interceptor.New(at, row.Created!, "Created", row.Scope).WithChange(null, null, Describe(row.Created!, p => p.CurrentValue)));
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));

    private static string Describe(EntityEntry entry, Func<PropertyEntry, object?> value) =>
        string.Join("; ", entry.Properties
            .Where(p => !Ignored.Contains(p.Metadata.Name) && value(p) is not null and not "")
            .Select(p => $"{p.Metadata.Name}={Format(value(p))}"));

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The plan, item and year a change belongs to, so that an item's history can be shown.</summary>
    private static (int? PlanId, int? ItemId, int? FiscalYear) Scope(object entity, Dictionary<int, int> kpiItems, Dictionary<int, YearlyEvaluation> evaluations) => entity switch
    {
        Plan p => (p.Id, null, null),
        PlanYear y => (y.PlanId, null, y.FiscalYear),
        ActionItem i => (i.PlanId, i.Id, null),
        ItemDepartment d => (null, d.ItemId, null),
        SchedulePhase s => (null, s.ItemId, s.FiscalYear),
        Kpi k => (null, k.ItemId, null),
        KpiValue v => (null, kpiItems.TryGetValue(v.KpiId, out var item) ? item : null, v.FiscalYear),
        YearlyEvaluation e => (e.PlanId, e.ItemId, e.FiscalYear),
        EvaluationPart part => evaluations.TryGetValue(part.EvaluationId, out var e) ? (e.PlanId, e.ItemId, e.FiscalYear) : (null, null, null),
        _ => (null, null, null),
    };
}
