using DxTracker.Web.Domain.Kpis;

namespace DxTracker.Web.Domain.Plans;

/// <summary>評価指標: a KPI of an item, with a planned and an actual value per fiscal year.</summary>
public sealed class Kpi
{
    public const int NameMaxLength = 300;
    public const int UnitMaxLength = 20;
    public const int TextMaxLength = 100;

    private Kpi() { }

    public Kpi(string name, string unit, KpiDirection direction, int sortOrder)
    {
        Name = Guard.Required(name, NameMaxLength, "指標名");
        Unit = Guard.Optional(unit?.Trim(), UnitMaxLength, "単位");
        Direction = direction;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public int ItemId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Unit { get; private set; } = string.Empty;

    public KpiDirection Direction { get; private set; }

    public decimal? BaselineValue { get; private set; }

    public string BaselineText { get; private set; } = string.Empty;

    public int? BaselineYear { get; private set; }

    /// <summary>The first fiscal year the indicator applies to (null: from the plan's start).</summary>
    public int? FromYear { get; private set; }

    /// <summary>The last fiscal year the indicator applies to (null: to the plan's end).</summary>
    public int? ToYear { get; private set; }

    public int? ReplacedByKpiId { get; private set; }

    public int SortOrder { get; private set; }

    public uint Version { get; private set; }

    private readonly List<KpiValue> values = [];

    public IReadOnlyList<KpiValue> Values => values;

    public bool AppliesTo(FiscalYear year) => (FromYear is null || year.Year >= FromYear) && (ToYear is null || year.Year <= ToYear);

    public void Describe(string name, string unit, KpiDirection direction)
    {
        Name = Guard.Required(name, NameMaxLength, "指標名");
        Unit = Guard.Optional(unit?.Trim(), UnitMaxLength, "単位");
        Direction = direction;
    }

    public void SetBaseline(KpiMeasurement? baseline, FiscalYear? year)
    {
        BaselineValue = baseline?.Value;
        BaselineText = Guard.Optional(baseline?.OriginalText, TextMaxLength, "基準値");
        BaselineYear = year?.Year;
    }

    public void SetApplicableYears(FiscalYear? from, FiscalYear? to)
    {
        if (from is { } f && to is { } t && t < f)
        {
            throw new DomainRuleException($"指標の適用終了年度（{t.Label}）が開始年度（{f.Label}）より前になっています。");
        }
        if (Values.FirstOrDefault(v => (v.HasPlanned || v.HasActual) && !InRange(v.FiscalYear, from?.Year, to?.Year)) is { } outside)
        {
            throw new DomainRuleException($"指標「{Name}」には{new FiscalYear(outside.FiscalYear).Label}の値が入力されているため、適用年度をその年度を含まない範囲にはできません。");
        }
        FromYear = from?.Year;
        ToYear = to?.Year;
    }

    private static bool InRange(int year, int? from, int? to) => (from is null || year >= from) && (to is null || year <= to);

    /// <summary>A value for a year outside the indicator's years would be shown in one place and hidden in another: refused.</summary>
    private void EnsureApplies(FiscalYear year, KpiMeasurement? measurement)
    {
        if (measurement is not null && !InRange(year.Year, FromYear, ToYear))
        {
            var range = (FromYear, ToYear) switch
            {
                ({ } f, { } t) => $"{new FiscalYear(f).Label}～{new FiscalYear(t).Label}",
                ({ } f, null) => $"{new FiscalYear(f).Label}から",
                (null, { } t) => $"{new FiscalYear(t).Label}まで",
                _ => string.Empty,
            };
            throw new DomainRuleException($"指標「{Name}」は{range}の指標です。{year.Label}の値は入力できません。");
        }
    }

    /// <summary>This indicator ends with the year before <paramref name="fromYear"/>; <paramref name="successor"/> applies from then.</summary>
    /// <remarks>Planned values of the years the successor takes over are dropped; actual values there refuse the replacement.</remarks>
    public void ReplaceWith(Kpi successor, FiscalYear fromYear)
    {
        ArgumentNullException.ThrowIfNull(successor);
        if (ReferenceEquals(successor, this))
        {
            throw new DomainRuleException("指標を自分自身で置き換えることはできません。");
        }
        if (ReplacedByKpiId is not null)
        {
            throw new DomainRuleException($"指標「{Name}」は既にほかの指標に置き換えられています。");
        }
        if (FromYear is { } start && fromYear.Year <= start)
        {
            throw new DomainRuleException($"置き換える年度は、この指標の適用開始（{new FiscalYear(start).Label}）より後にしてください。");
        }
        if (Values.Where(v => v.FiscalYear >= fromYear.Year).FirstOrDefault(v => v.HasActual) is { } measured)
        {
            throw new DomainRuleException($"指標「{Name}」には{new FiscalYear(measured.FiscalYear).Label}の実績値が入力されているため、{fromYear.Label}からは置き換えられません。");
        }
        values.RemoveAll(v => v.FiscalYear >= fromYear.Year);
        ToYear = fromYear.Year - 1;
        successor.SetApplicableYears(fromYear, null);
        ReplacedByKpiId = successor.Id == 0 ? null : successor.Id;
    }

    internal void LinkReplacement(int successorId) => ReplacedByKpiId = successorId;

    public KpiValue ValueFor(FiscalYear year)
    {
        var value = Values.FirstOrDefault(v => v.FiscalYear == year.Year);
        if (value is null)
        {
            value = new KpiValue(year.Year);
            values.Add(value);
        }
        return value;
    }

    public void SetPlanned(FiscalYear year, KpiMeasurement? planned)
    {
        EnsureApplies(year, planned);
        ValueFor(year).SetPlanned(planned, Name);
    }

    public void SetActual(FiscalYear year, KpiMeasurement? actual)
    {
        EnsureApplies(year, actual);
        ValueFor(year).SetActual(actual, Name);
    }
}

/// <summary>A KPI's 予定 and 実績 for one fiscal year: the number and the text as written (12,900件, ▲16.7%).</summary>
public sealed class KpiValue
{
    private KpiValue() { }

    internal KpiValue(int fiscalYear) => FiscalYear = fiscalYear;

    public int Id { get; private set; }

    public int KpiId { get; private set; }

    public int FiscalYear { get; private set; }

    public decimal? PlannedValue { get; private set; }

    public string PlannedText { get; private set; } = string.Empty;

    public decimal? ActualValue { get; private set; }

    public string ActualText { get; private set; } = string.Empty;

    /// <summary>
    /// The name a published report printed beside the 予定値 when it was not the KPI's own; empty otherwise.
    /// See <see cref="KpiMeasurement.NameAsWritten"/>.
    /// </summary>
    public string PlannedName { get; private set; } = string.Empty;

    /// <summary>
    /// The name a published report printed beside the 実績値 when it was not the KPI's own (【GIGAタブレット端末：17,183台】
    /// for the KPI タブレット端末); empty otherwise. A value typed in the app keeps it; removing the value removes it.
    /// </summary>
    public string ActualName { get; private set; } = string.Empty;

    /// <summary>未測定: the actual value is not measured yet.</summary>
    public bool ActualNotMeasured { get; private set; }

    /// <summary>Whether a 実績 (a value, a text or 未測定) was entered for the year.</summary>
    public bool HasActual => ActualValue is not null || ActualText.Length > 0 || ActualNotMeasured;

    public bool HasPlanned => PlannedValue is not null || PlannedText.Length > 0;

    public decimal? AchievementRate(KpiDirection direction) => KpiValueText.AchievementRate(PlannedValue, ActualValue, direction);

    /// <summary>The name the report prints beside the 予定値: the one written in the report, else the KPI's.</summary>
    public string PlannedNameOr(string kpiName) => PlannedName.Length > 0 ? PlannedName : kpiName;

    /// <summary>The name the report prints beside the 実績値: the one written in the report, else the KPI's.</summary>
    public string ActualNameOr(string kpiName) => ActualName.Length > 0 ? ActualName : kpiName;

    internal void SetPlanned(KpiMeasurement? planned, string kpiName)
    {
        PlannedValue = planned?.Value;
        PlannedText = Guard.Optional(planned?.OriginalText, Kpi.TextMaxLength, "予定値");
        PlannedName = NameAsWritten(PlannedName, planned, kpiName, "予定値");
    }

    internal void SetActual(KpiMeasurement? actual, string kpiName)
    {
        ActualValue = actual?.Value;
        ActualText = Guard.Optional(actual?.OriginalText, Kpi.TextMaxLength, "実績値");
        ActualNotMeasured = actual?.NotMeasured ?? false;
        ActualName = NameAsWritten(ActualName, actual, kpiName, "実績値");
    }

    private static string NameAsWritten(string stored, KpiMeasurement? measurement, string kpiName, string label)
    {
        if (measurement is null)
        {
            return string.Empty;
        }
        var name = measurement.NameAsWritten is { } written ? Guard.Optional(written.Trim(), Kpi.NameMaxLength, $"{label}の指標名") : stored;
        return name == kpiName ? string.Empty : name;
    }
}
