using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Domain.Evaluations;

/// <summary>The workflow state of a yearly evaluation.</summary>
public enum EvaluationStatus
{
    /// <summary>未着手</summary>
    NotStarted,

    /// <summary>下書き</summary>
    Draft,

    /// <summary>提出済</summary>
    Submitted,

    /// <summary>差戻し</summary>
    Returned,

    /// <summary>承認済</summary>
    Approved,
}

/// <summary>
/// 取組実績・自己評価: one per item and fiscal year. Each department that owns or shares the item writes its
/// own part; the item counts as submitted when every part is. The reviewer may set a final rating that
/// differs from the self-rating, with a reason; both stay.
/// </summary>
public sealed class YearlyEvaluation
{
    public const int ReasonMaxLength = 2000;
    public const int CommentMaxLength = 2000;

    /// <summary>The <see cref="ApprovedBy"/> of a result imported as published (not approved in DxTracker).</summary>
    public const string ImportedBy = "import";

    private YearlyEvaluation() { }

    public YearlyEvaluation(int planId, int itemId, FiscalYear year)
    {
        PlanId = planId;
        ItemId = itemId;
        FiscalYear = year.Year;
    }

    public int Id { get; private set; }

    /// <summary>Kept beside the item so that the database can check ratings against the plan's scale.</summary>
    public int PlanId { get; private set; }

    public int ItemId { get; private set; }

    public int FiscalYear { get; private set; }

    public EvaluationStatus Status { get; private set; } = EvaluationStatus.NotStarted;

    /// <summary>自己評価</summary>
    public string? SelfRating { get; private set; }

    /// <summary>The reviewer's rating where it differs from the self-rating.</summary>
    public string? FinalRating { get; private set; }

    public string FinalRatingReason { get; private set; } = string.Empty;

    /// <summary>The reviewer's comment when the evaluation was last returned.</summary>
    public string ReturnComment { get; private set; } = string.Empty;

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public string? UpdatedBy { get; private set; }

    public uint Version { get; private set; }

    private readonly List<EvaluationPart> parts = [];

    public IReadOnlyList<EvaluationPart> Parts => parts;

    /// <summary>The rating that counts: the final rating when the reviewer set one, else the self-rating.</summary>
    public string? EffectiveRating => FinalRating ?? SelfRating;

    public static string StatusLabel(EvaluationStatus status) => status switch
    {
        EvaluationStatus.NotStarted => "未着手",
        EvaluationStatus.Draft => "下書き",
        EvaluationStatus.Submitted => "提出済",
        EvaluationStatus.Returned => "差戻し",
        EvaluationStatus.Approved => "承認済",
        _ => status.ToString(),
    };

    /// <summary>
    /// A department's own reading of an item's status, the same on every page: its part is 提出済 once it has submitted it,
    /// even while another department of a shared item is still writing (the item itself is then still 下書き).
    /// </summary>
    public static EvaluationStatus ForDepartment(EvaluationStatus? status, bool partSubmitted) =>
        status is null or EvaluationStatus.NotStarted or EvaluationStatus.Draft && partSubmitted ? EvaluationStatus.Submitted : status ?? EvaluationStatus.NotStarted;

    /// <summary>
    /// The one rule of whether a department may still write its part, with the message that says why not (null: it may).
    /// A returned evaluation takes corrections until the year is closed; otherwise the year must be taking entries
    /// (入力受付中) and neither the item nor this department's part submitted.
    /// </summary>
    public static string? WhyNotWritable(FiscalYear year, PlanYearState state, EvaluationStatus status, bool partSubmitted)
    {
        if (state == PlanYearState.Closed)
        {
            return $"{year.Label}は確定済みのため、変更できません。";
        }
        if (status == EvaluationStatus.Returned)
        {
            return null;
        }
        if (state != PlanYearState.Open)
        {
            return $"{year.Label}は現在「{PlanYear.StateLabel(state)}」のため、入力を受け付けていません。";
        }
        if (status is EvaluationStatus.Submitted or EvaluationStatus.Approved)
        {
            return $"この評価は{StatusLabel(status)}のため、変更できません。";
        }
        return partSubmitted ? "この部署の入力は提出済みです。ほかの部署の提出を待っています。" : null;
    }

    public EvaluationPart PartFor(int departmentId)
    {
        var part = Parts.FirstOrDefault(p => p.DepartmentId == departmentId);
        if (part is null)
        {
            part = new EvaluationPart(departmentId, Parts.Count + 1);
            parts.Add(part);
        }
        return part;
    }

    /// <summary>Whether a department may still change its part (the year's state is checked separately).</summary>
    public bool IsEditable => Status is EvaluationStatus.NotStarted or EvaluationStatus.Draft or EvaluationStatus.Returned;

    /// <summary>Saves a department's part as a draft.</summary>
    public void SaveDraft(PlanYear year, Plan plan, int departmentId, string result, string improvement, string? selfRating, string by, DateTimeOffset at)
    {
        EnsureEditable(year);
        SetSelfRating(plan, selfRating);
        PartFor(departmentId).Write(result, improvement, by, at);
        if (Status == EvaluationStatus.NotStarted)
        {
            Status = EvaluationStatus.Draft;
        }
        Touch(by, at);
    }

    /// <summary>
    /// Submits a department's part; the evaluation is submitted once every department of the item has. The self-rating
    /// is required of a department that rates the item (<paramref name="ratesItem"/>: its lead), not of a related one.
    /// </summary>
    public void SubmitPart(PlanYear year, int departmentId, IReadOnlyCollection<int> itemDepartmentIds, string by, DateTimeOffset at, bool ratesItem = true)
    {
        ArgumentNullException.ThrowIfNull(itemDepartmentIds);
        EnsureEditable(year);
        var part = PartFor(departmentId);
        if (string.IsNullOrWhiteSpace(part.ResultText))
        {
            throw new DomainRuleException("取組実績を入力してから提出してください。");
        }
        if (SelfRating is null && ratesItem)
        {
            throw new DomainRuleException("自己評価を選んでから提出してください。");
        }
        var submitted = Parts.Where(p => p.IsSubmitted || p.DepartmentId == departmentId).Select(p => p.DepartmentId).ToHashSet();
        var complete = itemDepartmentIds.All(submitted.Contains);
        if (complete && SelfRating is null)
        {
            throw new DomainRuleException("主管課の自己評価がまだ入力されていないため、提出できません。");
        }
        part.Submit(by, at);
        if (complete)
        {
            Status = EvaluationStatus.Submitted;
            SubmittedAt = at;
        }
        else if (Status == EvaluationStatus.NotStarted)
        {
            Status = EvaluationStatus.Draft;
        }
        Touch(by, at);
    }

    public void Return(PlanYear year, string comment, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(year);
        year.EnsureNotClosed();
        if (Status != EvaluationStatus.Submitted)
        {
            throw new DomainRuleException("提出済の評価だけを差し戻せます。");
        }
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleException("差戻しの理由（コメント）を入力してください。");
        }
        ReturnComment = Guard.Optional(comment.Trim(), CommentMaxLength, "差戻しコメント");
        Status = EvaluationStatus.Returned;
        foreach (var part in Parts)
        {
            part.Reopen();
        }
        Touch(by, at);
    }

    /// <summary>Approves; a final rating other than the self-rating needs a reason.</summary>
    public void Approve(PlanYear year, Plan plan, string? finalRating, string? reason, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(year);
        year.EnsureNotClosed();
        if (Status != EvaluationStatus.Submitted)
        {
            throw new DomainRuleException("提出済の評価だけを承認できます。");
        }
        SetFinalRating(plan, finalRating, reason);
        Status = EvaluationStatus.Approved;
        ApprovedAt = at;
        ApprovedBy = by;
        Touch(by, at);
    }

    /// <summary>Records a published result as it stands in the report (import of past years).</summary>
    public void ImportApproved(Plan plan, string? selfRating, string? finalRating, string? reason, DateTimeOffset at)
    {
        SetSelfRating(plan, selfRating);
        SetFinalRating(plan, finalRating, reason);
        Status = EvaluationStatus.Approved;
        ApprovedAt = at;
        ApprovedBy = ImportedBy;
        foreach (var part in Parts)
        {
            part.MarkImported();
        }
    }

    /// <summary>
    /// Records an evaluation still in the workflow (未着手, 下書き, 提出済, 差戻し) as an imported file states it.
    /// An approved evaluation is never taken back this way.
    /// </summary>
    public void ImportInProgress(Plan plan, EvaluationStatus status, string? selfRating, string? returnComment, DateTimeOffset at)
    {
        if (status == EvaluationStatus.Approved)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Approved evaluations are imported with ImportApproved.");
        }
        if (Status == EvaluationStatus.Approved)
        {
            throw new DomainRuleException($"承認済の評価を{StatusLabel(status)}に戻すことはできません。");
        }
        SetSelfRating(plan, selfRating);
        FinalRating = null;
        FinalRatingReason = string.Empty;
        if (status == EvaluationStatus.Returned)
        {
            ReturnComment = Guard.Optional(returnComment?.Trim(), CommentMaxLength, "差戻しコメント");
        }
        if (status == EvaluationStatus.Submitted && Status != EvaluationStatus.Submitted)
        {
            SubmittedAt = at;
        }
        Status = status;
        foreach (var part in Parts)
        {
            if (status == EvaluationStatus.Submitted)
            {
                part.MarkImported();
            }
            else
            {
                part.Reopen();
            }
        }
    }

    private void SetFinalRating(Plan plan, string? finalRating, string? reason)
    {
        var final = NormalizeRating(plan, finalRating);
        if (final is null || final == SelfRating)
        {
            FinalRating = null;
            FinalRatingReason = string.Empty;
            return;
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("自己評価と異なる評価にする場合は、その理由を入力してください。");
        }
        FinalRating = final;
        FinalRatingReason = Guard.Optional(reason.Trim(), ReasonMaxLength, "評価変更の理由");
    }

    private void SetSelfRating(Plan plan, string? selfRating) => SelfRating = NormalizeRating(plan, selfRating);

    private static string? NormalizeRating(Plan plan, string? code)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var trimmed = code.Trim();
        return plan.HasGrade(trimmed)
            ? trimmed
            : throw new DomainRuleException($"評価「{trimmed}」はこの計画の評価区分にありません。");
    }

    private void EnsureEditable(PlanYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        year.EnsureNotClosed();
        if (Status == EvaluationStatus.Returned)
        {
            return;
        }
        if (year.State != PlanYearState.Open)
        {
            throw new DomainRuleException($"{year.Year.Label}は入力受付中ではありません。");
        }
        if (!IsEditable)
        {
            throw new DomainRuleException($"この評価は{StatusLabel(Status)}のため変更できません。");
        }
    }

    private void Touch(string by, DateTimeOffset at)
    {
        UpdatedAt = at;
        UpdatedBy = by;
    }
}

/// <summary>One department's part of an evaluation: its 取組実績 and 改善・拡充策、課題等.</summary>
public sealed class EvaluationPart
{
    public const int TextMaxLength = 10000;

    private EvaluationPart() { }

    internal EvaluationPart(int departmentId, int sortOrder)
    {
        DepartmentId = departmentId;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public int EvaluationId { get; private set; }

    public int DepartmentId { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>取組実績</summary>
    public string ResultText { get; private set; } = string.Empty;

    /// <summary>改善・拡充策、課題等</summary>
    public string ImprovementText { get; private set; } = string.Empty;

    public bool IsSubmitted { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public string? UpdatedBy { get; private set; }

    public uint Version { get; private set; }

    internal void Write(string result, string improvement, string by, DateTimeOffset at)
    {
        ResultText = Guard.Optional(result, TextMaxLength, "取組実績");
        ImprovementText = Guard.Optional(improvement, TextMaxLength, "改善・拡充策、課題等");
        UpdatedAt = at;
        UpdatedBy = by;
    }

    internal void Submit(string by, DateTimeOffset at)
    {
        IsSubmitted = true;
        UpdatedAt = at;
        UpdatedBy = by;
    }

    internal void Reopen() => IsSubmitted = false;

    internal void MarkImported() => IsSubmitted = true;

    /// <summary>Sets the texts as published (import of past years).</summary>
    public void Import(string result, string improvement)
    {
        ResultText = Guard.Optional(result, TextMaxLength, "取組実績");
        ImprovementText = Guard.Optional(improvement, TextMaxLength, "改善・拡充策、課題等");
    }
}
