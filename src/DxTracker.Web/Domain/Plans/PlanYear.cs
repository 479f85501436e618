namespace DxTracker.Web.Domain.Plans;

/// <summary>The state of a plan's fiscal year in the yearly cycle.</summary>
public enum PlanYearState
{
    /// <summary>準備中</summary>
    Preparing,

    /// <summary>入力受付中</summary>
    Open,

    /// <summary>確認中</summary>
    InReview,

    /// <summary>確定: read-only for everyone.</summary>
    Closed,
}

/// <summary>年度: one fiscal year of a plan, with its state, entry deadline and 総括.</summary>
public sealed class PlanYear
{
    public const int ConclusionMaxLength = 20000;

    private PlanYear() { }

    internal PlanYear(FiscalYear year)
    {
        FiscalYear = year.Year;
        State = PlanYearState.Preparing;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public int FiscalYear { get; private set; }

    public PlanYearState State { get; private set; }

    public DateOnly? EntryDeadline { get; private set; }

    /// <summary>総括: the reviewer's text for the year.</summary>
    public string Conclusion { get; private set; } = string.Empty;

    /// <summary>A closed year whose approved results, report preview and open data anyone may read.</summary>
    public bool IsPublic { get; private set; }

    public uint Version { get; private set; }

    public FiscalYear Year => new(FiscalYear);

    public bool IsClosed => State == PlanYearState.Closed;

    public static string StateLabel(PlanYearState state) => state switch
    {
        PlanYearState.Preparing => "準備中",
        PlanYearState.Open => "入力受付中",
        PlanYearState.InReview => "確認中",
        PlanYearState.Closed => "確定",
        _ => state.ToString(),
    };

    public void EnsureNotClosed()
    {
        if (IsClosed)
        {
            throw new DomainRuleException($"{Year.Label}は確定済みのため変更できません。");
        }
    }

    public void OpenForEntry(DateOnly deadline)
    {
        EnsureNotClosed();
        EntryDeadline = deadline;
        State = PlanYearState.Open;
    }

    public void StartReview()
    {
        EnsureNotClosed();
        State = PlanYearState.InReview;
    }

    public void WriteConclusion(string conclusion)
    {
        EnsureNotClosed();
        Conclusion = Guard.Optional(conclusion, ConclusionMaxLength, "総括");
    }

    public void Close()
    {
        EnsureNotClosed();
        State = PlanYearState.Closed;
    }

    /// <summary>Reopening a closed year is an administrator's decision, recorded in the audit trail by the caller.</summary>
    public void Reopen()
    {
        if (!IsClosed)
        {
            throw new DomainRuleException($"{Year.Label}は確定していません。");
        }
        State = PlanYearState.InReview;
        IsPublic = false;
    }

    public void Publish(bool isPublic)
    {
        if (isPublic && !IsClosed)
        {
            throw new DomainRuleException("確定していない年度は公開できません。");
        }
        IsPublic = isPublic;
    }

    /// <summary>Sets state and content as imported from a published report.</summary>
    internal void Import(PlanYearState state, DateOnly? deadline, string conclusion)
    {
        State = state;
        EntryDeadline = deadline;
        Conclusion = Guard.Optional(conclusion, ConclusionMaxLength, "総括");
    }
}
