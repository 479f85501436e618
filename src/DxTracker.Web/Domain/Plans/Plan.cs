using DxTracker.Web.Domain.Evaluations;

namespace DxTracker.Web.Domain.Plans;

/// <summary>計画: a municipality's information/DX plan over a period of fiscal years.</summary>
public sealed class Plan
{
    public const int NameMaxLength = 200;
    public const int SubtitleMaxLength = 300;
    public const int MunicipalityMaxLength = 100;
    public const int LabelMaxLength = 20;
    public const int PhaseNamesMaxLength = 300;
    public const int MaxPhases = 12;

    /// <summary>The schedule phases most plans use (研究, 検討, 実証, 導入, 運用, 拡充).</summary>
    public static readonly IReadOnlyList<string> DefaultPhaseNames = ["研究", "検討", "実証", "導入", "運用", "拡充"];

    private Plan() { }

    public Plan(string name, string municipality, FiscalYear startYear, FiscalYear endYear)
    {
        Name = Guard.Required(name, NameMaxLength, "計画名");
        Municipality = Guard.Required(municipality, MunicipalityMaxLength, "自治体名");
        SetPeriod(startYear, endYear);
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Subtitle { get; private set; } = string.Empty;

    public string Municipality { get; private set; } = string.Empty;

    public int StartYear { get; private set; }

    public int EndYear { get; private set; }

    /// <summary>The label of the first level: 取組方針, 基本方針, 基本施策 …</summary>
    public string PolicyLabel { get; private set; } = "取組方針";

    /// <summary>The label of the optional middle level: 取組, 施策の柱 …</summary>
    public string CategoryLabel { get; private set; } = "取組";

    /// <summary>The label of the items: 取組項目, アクションプラン, 施策 …</summary>
    public string ItemLabel { get; private set; } = "取組項目";

    public PercentageRounding Rounding { get; private set; } = PercentageRounding.HalfUpEach;

    /// <summary>The phase names of the plan's schedule, one per line (empty: <see cref="DefaultPhaseNames"/>).</summary>
    public string PhaseNames { get; private set; } = string.Empty;

    /// <summary>The plan this one succeeds (前計画), if any.</summary>
    public int? PredecessorPlanId { get; private set; }

    public uint Version { get; private set; }

    private readonly List<RatingGrade> grades = [];

    public IReadOnlyList<RatingGrade> Grades => grades;

    private readonly List<PlanRevision> revisions = [];

    public IReadOnlyList<PlanRevision> Revisions => revisions;

    private readonly List<Policy> policies = [];

    public IReadOnlyList<Policy> Policies => policies;

    private readonly List<PlanYear> years = [];

    public IReadOnlyList<PlanYear> Years => years;

    /// <summary>Adds a policy (第1階層); its number and order are the caller's.</summary>
    public void AddPolicy(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policies.Add(policy);
    }

    /// <summary>スケジュールの段階 offered for the plan's items, in order.</summary>
    public IReadOnlyList<string> Phases => PhaseNames.Length == 0
        ? DefaultPhaseNames
        : PhaseNames.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<FiscalYear> FiscalYears => Enumerable.Range(StartYear, EndYear - StartYear + 1).Select(y => new FiscalYear(y));

    public string PeriodLabel => $"{new FiscalYear(StartYear).Label}～{new FiscalYear(EndYear).Label}";

    public bool Contains(FiscalYear year) => year.Year >= StartYear && year.Year <= EndYear;

    public void EnsureContains(FiscalYear year, string what)
    {
        if (!Contains(year))
        {
            throw new DomainRuleException($"{what}の{year.Label}は計画期間（{PeriodLabel}）の外です。");
        }
    }

    public void Describe(string name, string subtitle, string municipality)
    {
        Name = Guard.Required(name, NameMaxLength, "計画名");
        Subtitle = Guard.Optional(subtitle?.Trim(), SubtitleMaxLength, "副題");
        Municipality = Guard.Required(municipality, MunicipalityMaxLength, "自治体名");
    }

    public void SetPeriod(FiscalYear startYear, FiscalYear endYear)
    {
        if (endYear < startYear)
        {
            throw new DomainRuleException($"計画期間の終了年度（{endYear.Label}）が開始年度（{startYear.Label}）より前になっています。");
        }
        if (endYear.Year - startYear.Year > 20)
        {
            throw new DomainRuleException("計画期間は21年度以内にしてください。");
        }
        StartYear = startYear.Year;
        EndYear = endYear.Year;
    }

    public void SetLabels(string policyLabel, string categoryLabel, string itemLabel)
    {
        PolicyLabel = Guard.Required(policyLabel, LabelMaxLength, "第1階層の名称");
        CategoryLabel = Guard.Required(categoryLabel, LabelMaxLength, "第2階層の名称");
        ItemLabel = Guard.Required(itemLabel, LabelMaxLength, "項目の名称");
    }

    public void SetRounding(PercentageRounding rounding) => Rounding = rounding;

    /// <summary>Sets the schedule's phase names (Tsushima: 研究, 検討, 導入準備, 導入, 運用, 実証).</summary>
    public void SetPhaseNames(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var phases = names.Select(n => n?.Trim() ?? string.Empty).Where(n => n.Length > 0).ToList();
        if (phases.Count == 0)
        {
            throw new DomainRuleException("スケジュールの段階を1つ以上入力してください。");
        }
        if (phases.Count > MaxPhases)
        {
            throw new DomainRuleException($"スケジュールの段階は{MaxPhases}個までにしてください。");
        }
        foreach (var phase in phases)
        {
            Guard.MaxLength(phase, SchedulePhase.PhaseMaxLength, $"スケジュールの段階「{phase}」");
        }
        if (phases.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new DomainRuleException($"スケジュールの段階「{duplicate.Key}」が2回以上あります。");
        }
        var joined = string.Join('\n', phases);
        PhaseNames = joined == string.Join('\n', DefaultPhaseNames) ? string.Empty : Guard.MaxLength(joined, PhaseNamesMaxLength, "スケジュールの段階");
    }

    public void SucceedFrom(int predecessorPlanId) => PredecessorPlanId = predecessorPlanId;

    /// <summary>The grades of the scale (not the outcome marks), in order.</summary>
    public IReadOnlyList<RatingGrade> Scale => Grades.Where(g => g.Kind == GradeKind.Grade).OrderBy(g => g.SortOrder).ToList();

    public IReadOnlyList<RatingGrade> OutcomeMarks => Grades.Where(g => g.Kind == GradeKind.OutcomeMark).OrderBy(g => g.SortOrder).ToList();

    public RatingGrade AddGrade(string code, string label, string definition, GradeKind kind = GradeKind.Grade)
    {
        var grade = new RatingGrade(code, label, definition, kind, Grades.Count == 0 ? 1 : Grades.Max(g => g.SortOrder) + 1);
        if (Grades.Any(g => g.Code == grade.Code))
        {
            throw new DomainRuleException($"評価区分「{grade.Code}」は既にあります。");
        }
        grades.Add(grade);
        return grade;
    }

    /// <summary>
    /// Replaces the scale and the outcome marks with <paramref name="drafts"/>, in their order. Grades are matched
    /// by code: a matching grade gets the new wording and place, a new code is added, a missing code is removed.
    /// A grade that evaluations use (<paramref name="codesInUse"/>) can be reworded and moved, but neither removed
    /// nor turned into an outcome mark (or back): past reports must still find it.
    /// </summary>
    public void ReviseScale(IReadOnlyList<GradeDraft> drafts, IReadOnlySet<string> codesInUse)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(codesInUse);
        var codes = drafts.Select(d => d.Code?.Trim() ?? string.Empty).ToList();
        if (codes.Any(c => c.Length == 0))
        {
            throw new DomainRuleException("評価区分の記号を入力してください。");
        }
        if (codes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new DomainRuleException($"評価区分「{duplicate.Key}」が2回以上あります。記号は重複しないようにしてください。");
        }
        if (drafts.All(d => d.Kind != GradeKind.Grade))
        {
            throw new DomainRuleException("評価区分（完了・廃止などの区分ではないもの）を1つ以上指定してください。");
        }
        foreach (var removed in Grades.Where(g => !codes.Contains(g.Code)).ToList())
        {
            if (codesInUse.Contains(removed.Code))
            {
                throw new DomainRuleException($"評価区分「{removed.Code}」は入力済みの評価で使われているため、削除できません（記号も変更できません）。定義や名称の変更はできます。");
            }
            grades.Remove(removed);
        }
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var code = codes[i];
            var existing = Grades.FirstOrDefault(g => g.Code == code);
            if (existing is null)
            {
                grades.Add(new RatingGrade(code, draft.Label, draft.Definition, draft.Kind, i + 1));
                continue;
            }
            if (existing.Kind != draft.Kind)
            {
                if (codesInUse.Contains(code))
                {
                    throw new DomainRuleException($"評価区分「{code}」は入力済みの評価で使われているため、評価区分と完了・廃止などの区分を切り替えられません。");
                }
                existing.ChangeKind(draft.Kind);
            }
            existing.Reword(draft.Label, draft.Definition);
            existing.MoveTo(i + 1);
        }
    }

    /// <summary>True when <paramref name="code"/> is a grade or an outcome mark of this plan.</summary>
    public bool HasGrade(string code) => Grades.Any(g => g.Code == code);

    public PlanRevision AddRevision(DateOnly date, string note)
    {
        var revision = new PlanRevision(date, note);
        revisions.Add(revision);
        return revision;
    }

    public PlanYear AddYear(FiscalYear year)
    {
        EnsureContains(year, "年度");
        if (Years.Any(y => y.FiscalYear == year.Year))
        {
            throw new DomainRuleException($"{year.Label}は既にあります。");
        }
        var planYear = new PlanYear(year);
        years.Add(planYear);
        return planYear;
    }
}

/// <summary>A grade as an administrator or a library of common scales writes it, before it is part of a plan.</summary>
public sealed record GradeDraft(string Code, string Label, string Definition, GradeKind Kind = GradeKind.Grade);

/// <summary>Whether a grade rates achievement or marks an outcome (完了, 廃止, 中止) counted in its own column.</summary>
public enum GradeKind
{
    Grade,
    OutcomeMark,
}

/// <summary>評価区分: one grade of the plan's rating scale (S「目標や計画を上回る達成状況であった。」) or an outcome mark.</summary>
public sealed class RatingGrade
{
    public const int CodeMaxLength = 10;
    public const int LabelMaxLength = 50;
    public const int DefinitionMaxLength = 500;

    private RatingGrade() { }

    internal RatingGrade(string code, string label, string definition, GradeKind kind, int sortOrder)
    {
        Code = Guard.Required(code, CodeMaxLength, "評価区分の記号");
        Label = Guard.Optional(label?.Trim(), LabelMaxLength, "評価区分の名称");
        Definition = Guard.Required(definition, DefinitionMaxLength, "評価区分の定義");
        Kind = kind;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public string Code { get; private set; } = string.Empty;

    public string Label { get; private set; } = string.Empty;

    public string Definition { get; private set; } = string.Empty;

    public GradeKind Kind { get; private set; }

    public int SortOrder { get; private set; }

    public GradeDefinition ToDefinition() => new(Code, Label, Definition, SortOrder);

    public void Reword(string label, string definition)
    {
        Label = Guard.Optional(label?.Trim(), LabelMaxLength, "評価区分の名称");
        Definition = Guard.Required(definition, DefinitionMaxLength, "評価区分の定義");
    }

    internal void MoveTo(int sortOrder) => SortOrder = sortOrder;

    internal void ChangeKind(GradeKind kind) => Kind = kind;
}

/// <summary>改定・中間見直し: a dated revision of the plan.</summary>
public sealed class PlanRevision
{
    public const int NoteMaxLength = 2000;

    private PlanRevision() { }

    internal PlanRevision(DateOnly date, string note)
    {
        Date = date;
        Note = Guard.Required(note, NoteMaxLength, "改定内容");
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public DateOnly Date { get; private set; }

    public string Note { get; private set; } = string.Empty;
}
