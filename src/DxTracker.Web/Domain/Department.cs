namespace DxTracker.Web.Domain;

/// <summary>部署: an organisational unit that owns or shares action items.</summary>
public sealed class Department
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 100;
    public const int ReadingMaxLength = 200;

    private Department() { }

    public Department(string code, string name, string reading, int sortOrder)
    {
        Code = Guard.Required(code, CodeMaxLength, "部署コード");
        Name = Guard.Required(name, NameMaxLength, "部署名");
        Reading = Guard.MaxLength(reading?.Trim() ?? string.Empty, ReadingMaxLength, "よみがな");
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public string Code { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    /// <summary>よみがな, for sorting the way Japanese users expect (not by code points).</summary>
    public string Reading { get; private set; } = string.Empty;

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Former names, each valid up to and including a fiscal year (組織改正).</summary>
    private readonly List<DepartmentFormerName> formerNames = [];

    public IReadOnlyList<DepartmentFormerName> FormerNames => formerNames;

    /// <summary>The department's name in a fiscal year: a former name for the years before a rename.</summary>
    public string NameIn(FiscalYear year) =>
        FormerNames.Where(f => f.UntilYear >= year.Year).OrderBy(f => f.UntilYear).Select(f => f.Name).FirstOrDefault() ?? Name;

    /// <summary>
    /// As a year's report writes a department renamed when the report came out: 「デジタル推進課（情報推進課）」, the name
    /// of the following year (when the report is published) with that year's. It depends on those two years only, so a
    /// later rename never changes a closed year's report (renames that would are refused, <see cref="Rename"/>).
    /// </summary>
    public string ReportNameFor(FiscalYear year)
    {
        var then = NameIn(year);
        if (FormerNames.Any(f => f.UntilYear == year.Year && !f.ShownBesideNewName))
        {
            return then;
        }
        var published = year.Year < FiscalYear.MaxYear ? NameIn(year.Next()) : then;
        return then == published ? then : $"{published}（{then}）";
    }

    /// <summary>Records that the department was called <paramref name="formerName"/> up to <paramref name="untilYear"/>.</summary>
    public void AddFormerName(string formerName, FiscalYear untilYear)
    {
        var name = Guard.Required(formerName, NameMaxLength, "旧部署名");
        if (FormerNames.Any(f => f.UntilYear == untilYear.Year))
        {
            if (FormerNames.Any(f => f.UntilYear == untilYear.Year && f.Name == name))
            {
                return;
            }
            throw new DomainRuleException($"{untilYear.Label}までの旧名称はすでに登録されています。");
        }
        formerNames.Add(new DepartmentFormerName(name, untilYear.Year));
    }

    /// <summary>
    /// Renames from <paramref name="from"/> on; earlier years keep the name they had. Renaming again from the year a
    /// rename already takes effect corrects that new name. The same name, or a rename before one already registered,
    /// is refused with a message.
    /// </summary>
    /// <param name="newName">The name from <paramref name="from"/> on.</param>
    /// <param name="from">The first year of the new name.</param>
    /// <param name="previousYearClosed">Whether the year before <paramref name="from"/> is closed: its report then keeps
    /// the old name alone (a closed year's report never changes).</param>
    public void Rename(string newName, FiscalYear from, bool previousYearClosed = false)
    {
        var name = Guard.Required(newName, NameMaxLength, "部署名");
        if (FormerNames.Any(f => f.UntilYear >= from.Year))
        {
            var last = FormerNames.Max(f => f.UntilYear);
            throw new DomainRuleException($"{new FiscalYear(last + 1).Label}からの名称変更がすでに登録されています。それより前の年度からの名称変更はできません。");
        }
        if (name == Name)
        {
            throw new DomainRuleException($"「{name}」は{from.Label}の名称と同じです。新しい名称を入力してください。");
        }
        if (FormerNames.Any(f => f.UntilYear == from.Year - 1))
        {
            // A rename from this year is registered already: this corrects the name it took.
            if (FormerNames.Any(f => f.UntilYear == from.Year - 1 && f.Name == name))
            {
                throw new DomainRuleException($"「{name}」は{from.Previous().Label}までの名称です。{from.Label}からの新しい名称を入力してください。");
            }
            Name = name;
            return;
        }
        formerNames.Add(new DepartmentFormerName(Name, from.Year - 1, shownBesideNewName: !previousYearClosed));
        Name = name;
    }

    /// <summary>A department merged into another or dissolved stays for the years it existed, but takes no new items or users.</summary>
    public void Deactivate() => IsActive = false;

    public void SetOrder(int sortOrder, string reading)
    {
        SortOrder = sortOrder;
        Reading = Guard.MaxLength(reading?.Trim() ?? string.Empty, ReadingMaxLength, "よみがな");
    }
}

/// <summary>A department's former name, valid up to and including <see cref="UntilYear"/>.</summary>
public sealed class DepartmentFormerName
{
    private DepartmentFormerName() { }

    internal DepartmentFormerName(string name, int untilYear, bool shownBesideNewName = true)
    {
        Name = name;
        UntilYear = untilYear;
        ShownBesideNewName = shownBesideNewName;
    }

    public int Id { get; private set; }

    public int DepartmentId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public int UntilYear { get; private set; }

    /// <summary>
    /// Whether the report of <see cref="UntilYear"/> reads 「新名（旧名）」: true when the rename was registered while that
    /// year was still open (the convention of a report compiled after the reorganisation); false when that year had
    /// been closed already, so that its report stays as it was closed.
    /// </summary>
    public bool ShownBesideNewName { get; private set; } = true;
}
