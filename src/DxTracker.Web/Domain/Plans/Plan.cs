using DxTracker.Web.Domain.Evaluations;

namespace DxTracker.Web.Domain.Plans;

/// <summary>計画: a municipality's information/DX plan over a period of fiscal years.</summary>
public sealed class Plan
{
    public const int NameMaxLength = 200;
    public const int SubtitleMaxLength = 300;
    public const int MunicipalityMaxLength = 100;
    public const int LabelMaxLength = 20;

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

    /// <summary>The plan this one succeeds (前計画), if any.</summary>
    public int? PredecessorPlanId { get; private set; }

    public uint Version { get; private set; }

    public List<RatingGrade> Grades { get; } = [];

    public List<PlanRevision> Revisions { get; } = [];

    public List<Policy> Policies { get; } = [];

    public List<PlanYear> Years { get; } = [];

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
        Grades.Add(grade);
        return grade;
    }

    /// <summary>True when <paramref name="code"/> is a grade or an outcome mark of this plan.</summary>
    public bool HasGrade(string code) => Grades.Any(g => g.Code == code);

    public PlanRevision AddRevision(DateOnly date, string note)
    {
        var revision = new PlanRevision(date, note);
        Revisions.Add(revision);
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
        Years.Add(planYear);
        return planYear;
    }
}

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
