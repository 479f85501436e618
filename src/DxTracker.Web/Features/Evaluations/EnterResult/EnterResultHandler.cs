using System.Security.Claims;
using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Kpis;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Features.Evaluations.EnterResult;

/// <summary>
/// The entry form as it opens: what is stored (or the user's newer autosaved draft), the departments whose part this
/// user may write (never empty), why the form cannot be saved now (null when it can), and when the restored draft was
/// autosaved (null when the form shows what is stored).
/// </summary>
public sealed record EntryPage(
    EvaluationContext Context,
    IReadOnlyList<int> Departments,
    EntryInput Input,
    string? ReadOnlyReason,
    DateTimeOffset? RestoredDraftAt);

/// <summary>One KPI's actual value as typed in the form.</summary>
public sealed record KpiActualInput(int KpiId, string? Actual);

/// <summary>What a department saves or submits, with the values its form was opened with (<see cref="EntryMerge"/>).</summary>
public sealed record PartInput(
    int DepartmentId,
    string Result,
    string Improvement,
    string? SelfRating,
    IReadOnlyList<KpiActualInput> KpiActuals,
    EntryValues Loaded);

/// <summary>A rule violation tied to a form field (for the message next to it).</summary>
public sealed class FieldRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// 実績入力: a department's part of an item's yearly evaluation. Every action checks role and department on the server
/// (editors write their own departments' parts, reviewers and admins every part) and the year's state, in its own
/// DbContext. The autosave writes only the user's own <see cref="EntryDraft"/> row (no audit, nobody else's work);
/// 下書き保存 and 提出 write the evaluation, audited, and remove that draft.
/// </summary>
public sealed class EnterResultHandler(IDbContextFactory<AppDbContext> databases, CurrentUser user, TimeProvider clock, ActionLog log)
{
    /// <summary>
    /// Opens the form for the department asked for (the first writable one when none or not writable); 403 for anyone who
    /// may not write a part of this item, even to read it. With <paramref name="restoreDraft"/> the user's autosaved draft
    /// replaces what is stored when it is newer.
    /// </summary>
    public Task<EntryPage> OpenAsync(int planId, int itemId, int fiscalYear, int? departmentId, bool restoreDraft = true) =>
        log.RunAsync("evaluation.entry.open", new { planId, itemId, fiscalYear, departmentId }, async () =>
        {
            await using var db = await databases.CreateDbContextAsync();
            var context = await EvaluationContext.LoadAsync(db, planId, itemId, fiscalYear);
            var departments = await WritableDepartmentsAsync(context);
            if (departments.Count == 0)
            {
                throw new ForbiddenException();
            }
            var department = departmentId is { } asked && departments.Contains(asked) ? asked : departments[0];
            var readOnly = WhyReadOnly(context, department);
            var input = EntryInput.From(context, department);
            var draft = readOnly is null && restoreDraft ? await DraftAsync(db, context, department) : null;
            var stored = context.Evaluation?.Parts.FirstOrDefault(p => p.DepartmentId == department)?.UpdatedAt ?? context.Evaluation?.UpdatedAt;
            if (draft is not null && (stored is null || draft.SavedAt > stored))
            {
                input.Restore(draft);
                return new EntryPage(context, departments, input, readOnly, draft.SavedAt);
            }
            return new EntryPage(context, departments, input, readOnly, null);
        });

    /// <summary>
    /// Keeps what the user has typed so far in their own draft row (autosave); returns when it was saved. Refused like a
    /// save when the user may not write this part now, so a draft never exists where no save could follow.
    /// </summary>
    public Task<DateTimeOffset> AutosaveAsync(int planId, int itemId, int fiscalYear, EntryInput input) =>
        log.RunAsync("evaluation.entry.autosave", new { planId, itemId, fiscalYear, departmentId = input?.DepartmentId }, async () =>
        {
            ArgumentNullException.ThrowIfNull(input);
            await using var db = await databases.CreateDbContextAsync();
            var context = await EvaluationContext.LoadAsync(db, planId, itemId, fiscalYear);
            await EnsureMayWriteAsync(context, input.DepartmentId);
            var now = clock.GetUtcNow();
            for (var attempt = 0; ; attempt++)
            {
                var draft = await DraftAsync(db, context, input.DepartmentId, tracking: true);
                if (draft is null)
                {
                    draft = new EntryDraft(await UserIdAsync(), planId, itemId, context.FiscalYear, input.DepartmentId);
                    await db.EntryDrafts.AddAsync(draft);
                }
                input.WriteTo(draft, now);
                try
                {
                    await db.SaveChangesAsync();
                    return now;
                }
                catch (DbUpdateException e) when (attempt == 0 && EvaluationSaving.IsDuplicateKey(e))
                {
                    // The same user's other tab created the row a moment ago: update that one instead.
                    db.ChangeTracker.Clear();
                }
            }
        });

    /// <summary>Removes the user's autosaved draft of this part (「復元した内容を破棄する」).</summary>
    public Task DiscardDraftAsync(int planId, int itemId, int fiscalYear, int departmentId) =>
        log.RunAsync("evaluation.entry.discard-draft", new { planId, itemId, fiscalYear, departmentId }, async () =>
        {
            var userId = await UserIdAsync();
            await using var db = await databases.CreateDbContextAsync();
            await db.EntryDrafts
                .Where(d => d.UserId == userId && d.PlanId == planId && d.ItemId == itemId && d.FiscalYear == fiscalYear && d.DepartmentId == departmentId)
                .ExecuteDeleteAsync();
        });

    /// <summary>
    /// Saves a department's part as a draft (下書き保存), or submits it (提出する); audited. Only the fields this user
    /// changed since the form was opened are written (<see cref="EntryMerge"/>): another department's save in the meantime
    /// is kept, the same field changed by both is a conflict. The self-rating and the KPI actuals are the lead
    /// department's (<see cref="ActionItem.IsRatedBy"/>). A save that races another one is merged again on what that
    /// one stored (never a spurious conflict, never a second connection).
    /// </summary>
    /// <exception cref="FieldRuleException">A KPI actual is missing (on submit) or cannot be read.</exception>
    /// <exception cref="EvaluationConflictException">Someone else changed a field this user changed, since the form was opened.</exception>
    public Task SaveAsync(int planId, int itemId, int fiscalYear, PartInput input, bool submit) =>
        log.RunAsync(submit ? "evaluation.entry.submit" : "evaluation.entry.draft", new { planId, itemId, fiscalYear, departmentId = input?.DepartmentId }, async () =>
        {
            ArgumentNullException.ThrowIfNull(input);
            var by = await user.UserNameAsync();
            await using var db = await databases.CreateDbContextAsync();
            for (var attempt = 1; ; attempt++)
            {
                var context = await EvaluationContext.LoadAsync(db, planId, itemId, fiscalYear, tracking: true);
                await EnsureMayWriteAsync(context, input.DepartmentId);
                var merge = Merge(context, input, submit);
                if (merge.Conflicts.Count > 0)
                {
                    var part = context.Evaluation?.Parts.FirstOrDefault(p => p.DepartmentId == input.DepartmentId);
                    var (savedBy, savedAt) = merge.Conflicts.Any(c => c.Field.StartsWith("kpi-", StringComparison.Ordinal) || c.Field == "rating") || part is null
                        ? (context.Evaluation?.UpdatedBy, context.Evaluation?.UpdatedAt)
                        : (part.UpdatedBy, part.UpdatedAt);
                    throw new EvaluationConflictException(savedBy, savedAt, merge.Conflicts);
                }
                var evaluation = context.Evaluation;
                var created = evaluation is null;
                evaluation ??= new YearlyEvaluation(planId, itemId, context.FiscalYear);
                var now = clock.GetUtcNow();
                evaluation.SaveDraft(context.Year, context.Plan, input.DepartmentId, merge.Result, merge.Improvement, merge.SelfRating, by, now);
                foreach (var (kpi, measurement) in merge.Actuals)
                {
                    kpi.SetActual(context.FiscalYear, measurement);
                }
                // The new rows with their keys fetched asynchronously (a new evaluation with its parts as one graph).
                if (created)
                {
                    await db.Evaluations.AddAsync(evaluation);
                }
                else
                {
                    await EvaluationSaving.TrackNewAsync(db, evaluation.Parts);
                }
                await EvaluationSaving.TrackNewAsync(db, merge.Actuals.SelectMany(a => a.Kpi.Values));
                if (submit)
                {
                    evaluation.SubmitPart(context.Year, input.DepartmentId, context.DepartmentIds, by, now, context.Item.IsRatedBy(input.DepartmentId));
                    await db.AuditEntries.AddAsync(EvaluationSaving.Step(evaluation, "Submitted", context.DepartmentName(input.DepartmentId), by, now));
                }
                // What was autosaved is now the evaluation: the draft goes in the same transaction (kept if the save fails).
                if (await DraftAsync(db, context, input.DepartmentId, tracking: true) is { } draft)
                {
                    db.EntryDrafts.Remove(draft);
                }
                try
                {
                    await db.SaveChangesAsync();
                    return;
                }
                catch (Exception e) when (attempt < MaxSaveAttempts && (e is DbUpdateConcurrencyException || EvaluationSaving.IsDuplicateKey(e)))
                {
                    // Someone saved this evaluation between this read and this write: merge again on what they stored.
                    db.ChangeTracker.Clear();
                }
                catch (DbUpdateException e) when (DatabaseRefusals.IsClosedYear(e))
                {
                    // The year was closed while this save was on its way (the database waited for the close, then refused).
                    throw new DomainRuleException($"{context.FiscalYear.Label}は確定済みのため、変更できません。");
                }
            }
        });

    private const int MaxSaveAttempts = 5;

    /// <summary>What a save writes: the merged values, the KPI actuals the user changed (parsed), and the conflicts.</summary>
    private sealed record MergedPart(
        string Result,
        string Improvement,
        string? SelfRating,
        IReadOnlyList<(Kpi Kpi, KpiMeasurement? Measurement)> Actuals,
        IReadOnlyList<FieldConflict> Conflicts);

    private static MergedPart Merge(EvaluationContext context, PartInput input, bool submit)
    {
        var stored = EntryValues.Stored(context, input.DepartmentId);
        var loaded = input.Loaded ?? new EntryValues();
        var conflicts = new List<FieldConflict>();
        // The value a field gets (the user's when taken, else what is stored) and what the user did to it.
        (string Value, FieldMergeOutcome Outcome) Field(string field, string label, string? loadedValue, string? mine, string? storedValue)
        {
            var outcome = EntryMerge.Decide(loadedValue, mine, storedValue);
            if (outcome == FieldMergeOutcome.Conflict)
            {
                conflicts.Add(new FieldConflict(field, label, EntryMerge.Normal(storedValue), EntryMerge.Normal(mine)));
            }
            return (outcome == FieldMergeOutcome.Take ? EntryMerge.Normal(mine) : EntryMerge.Normal(storedValue), outcome);
        }

        var result = Field("result", "取組実績", loaded.Result, input.Result, stored.Result).Value;
        var improvement = Field("improvement", "改善・拡充策、課題等", loaded.Improvement, input.Improvement, stored.Improvement).Value;
        var rates = context.Item.IsRatedBy(input.DepartmentId);
        var (rating, ratingOutcome) = Field("rating", "自己評価", loaded.SelfRating, input.SelfRating, stored.SelfRating);
        var ratingChanged = ratingOutcome != FieldMergeOutcome.Keep;
        var actuals = new List<(Kpi, KpiMeasurement?)>();
        var kpiChanged = false;
        for (var i = 0; i < input.KpiActuals.Count; i++)
        {
            var typed = input.KpiActuals[i];
            var kpi = context.Kpis.FirstOrDefault(k => k.Id == typed.KpiId)
                ?? throw new DomainRuleException("この年度に適用されない評価指標が送信されました。画面を開き直してください。");
            var mine = typed.Actual?.Trim();
            var (effective, outcome) = Field($"kpi-{i}", kpi.Name, loaded.Kpis.GetValueOrDefault(kpi.Id)?.Trim(), mine, stored.Kpis.GetValueOrDefault(kpi.Id));
            if (outcome == FieldMergeOutcome.Keep)
            {
                if (submit && rates && string.IsNullOrWhiteSpace(effective))
                {
                    throw MissingActual(kpi, i);
                }
                continue;
            }
            kpiChanged = true;
            actuals.Add((kpi, ParseActual(kpi, i, mine, submit && rates)));
        }
        if (!rates && (ratingChanged || kpiChanged))
        {
            var leads = string.Join("、", context.Item.RatingDepartmentIds.Select(context.DepartmentName));
            throw new DomainRuleException($"自己評価と評価指標の実績値は主管課（{leads}）が入力します。{context.DepartmentName(input.DepartmentId)}の入力では変更できません。");
        }
        return new MergedPart(result, improvement, rating.Length == 0 ? null : rating, actuals, conflicts);
    }

    private static FieldRuleException MissingActual(Kpi kpi, int index) =>
        new($"kpi-{index}", $"「{kpi.Name}」の実績値を入力してください（測定していない場合は「未測定」と入力）。");

    private static KpiMeasurement? ParseActual(Kpi kpi, int index, string? typed, bool required)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return required ? throw MissingActual(kpi, index) : null;
        }
        if (!KpiValueText.TryParse(typed, out var measurement, out var error))
        {
            throw new FieldRuleException($"kpi-{index}", $"「{kpi.Name}」: {error}");
        }
        return measurement;
    }

    /// <summary>Whether the form can be saved now: the one rule, <see cref="YearlyEvaluation.WhyNotWritable"/>.</summary>
    public static string? WhyReadOnly(EvaluationContext context, int departmentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return YearlyEvaluation.WhyNotWritable(context.FiscalYear, context.Year.State, context.Status, context.PartSubmitted(departmentId));
    }

    /// <summary>The departments whose part this user may write on this item (empty: may not even read the form).</summary>
    private Task<IReadOnlyList<int>> WritableDepartmentsAsync(EvaluationContext context) => user.WritableDepartmentsAsync(context.DepartmentIds);

    private async Task EnsureMayWriteAsync(EvaluationContext context, int departmentId)
    {
        if (!(await WritableDepartmentsAsync(context)).Contains(departmentId))
        {
            throw new ForbiddenException();
        }
        if (WhyReadOnly(context, departmentId) is { } reason)
        {
            throw new DomainRuleException(reason);
        }
    }

    private async Task<string> UserIdAsync() =>
        (await user.PrincipalAsync()).FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new ForbiddenException();

    private async Task<EntryDraft?> DraftAsync(AppDbContext db, EvaluationContext context, int departmentId, bool tracking = false)
    {
        var userId = await UserIdAsync();
        var drafts = tracking ? db.EntryDrafts : db.EntryDrafts.AsNoTracking();
        return await drafts.SingleOrDefaultAsync(d =>
            d.UserId == userId && d.ItemId == context.Item.Id && d.FiscalYear == context.FiscalYear.Year && d.DepartmentId == departmentId);
    }
}
