using DxTracker.Web.Domain.Kpis;

namespace DxTracker.Web.Domain.Plans;

/// <summary>The lifecycle of an item: whether later years still ask for its evaluation.</summary>
public enum ItemStatus
{
    Active,

    /// <summary>完了: evaluated up to and including the year it was completed.</summary>
    Completed,

    /// <summary>廃止・中止: evaluated up to and including the year it was stopped.</summary>
    Abolished,

    /// <summary>削除: not evaluated from the given year on (with a reason).</summary>
    Deleted,

    /// <summary>移行: merged into another item from the given year on.</summary>
    Merged,
}

/// <summary>Whether a department leads an item or takes part in it.</summary>
public enum DepartmentRole
{
    /// <summary>主管</summary>
    Lead,

    /// <summary>関係</summary>
    Related,
}

/// <summary>取組項目 (or アクションプラン, 施策): the unit that is evaluated every year.</summary>
public sealed class ActionItem
{
    public const int NumberMaxLength = 20;
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 10000;
    public const int ReasonMaxLength = 1000;

    private ActionItem() { }

    public ActionItem(int planId, int policyId, string number, string title, int sortOrder)
    {
        PlanId = planId;
        PolicyId = policyId;
        Number = Guard.Required(number, NumberMaxLength, "項目番号");
        Title = Guard.Required(title, TitleMaxLength, "項目名");
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public int PolicyId { get; private set; }

    public int? CategoryId { get; private set; }

    /// <summary>No. as the plan prints it: 1, 12, 1-3 …</summary>
    public string Number { get; private set; } = string.Empty;

    public int SortOrder { get; private set; }

    public string Title { get; private set; } = string.Empty;

    /// <summary>取組内容, often several numbered points.</summary>
    public string Content { get; private set; } = string.Empty;

    /// <summary>目標</summary>
    public string Goal { get; private set; } = string.Empty;

    /// <summary>概要</summary>
    public string Overview { get; private set; } = string.Empty;

    /// <summary>目的</summary>
    public string Purpose { get; private set; } = string.Empty;

    /// <summary>成果目標</summary>
    public string Outcome { get; private set; } = string.Empty;

    public ItemStatus Status { get; private set; } = ItemStatus.Active;

    /// <summary>The fiscal year the status applies from (completed/abolished in, deleted/merged from).</summary>
    public int? StatusYear { get; private set; }

    public string StatusReason { get; private set; } = string.Empty;

    public int? MergedIntoItemId { get; private set; }

    /// <summary>The item of the preceding plan this one continues.</summary>
    public int? PredecessorItemId { get; private set; }

    public uint Version { get; private set; }

    private readonly List<ItemDepartment> departments = [];

    public IReadOnlyList<ItemDepartment> Departments => departments;

    private readonly List<SchedulePhase> schedule = [];

    public IReadOnlyList<SchedulePhase> Schedule => schedule;

    private readonly List<Kpi> kpis = [];

    public IReadOnlyList<Kpi> Kpis => kpis;

    public void Describe(string title, string content, string goal, string overview, string purpose, string outcome)
    {
        Title = Guard.Required(title, TitleMaxLength, "項目名");
        Content = Guard.Optional(content, TextMaxLength, "取組内容");
        Goal = Guard.Optional(goal, TextMaxLength, "目標");
        Overview = Guard.Optional(overview, TextMaxLength, "概要");
        Purpose = Guard.Optional(purpose, TextMaxLength, "目的");
        Outcome = Guard.Optional(outcome, TextMaxLength, "成果目標");
    }

    public void Place(int policyId, int? categoryId, string number, int sortOrder)
    {
        PolicyId = policyId;
        CategoryId = categoryId;
        Number = Guard.Required(number, NumberMaxLength, "項目番号");
        SortOrder = sortOrder;
    }

    public void ContinueFrom(int predecessorItemId) => PredecessorItemId = predecessorItemId;

    /// <summary>Whether the item is asked for an evaluation in <paramref name="year"/>.</summary>
    public bool IsActiveIn(FiscalYear year) => IsActive(Status, StatusYear, year);

    /// <summary>The rule of <see cref="IsActiveIn"/> for a status read without the entity (list queries).</summary>
    public static bool IsActive(ItemStatus status, int? statusYear, FiscalYear year) => status switch
    {
        ItemStatus.Active => true,
        ItemStatus.Completed or ItemStatus.Abolished => statusYear is null || year.Year <= statusYear,
        ItemStatus.Deleted or ItemStatus.Merged => statusYear is null || year.Year < statusYear,
        _ => true,
    };

    /// <summary><see cref="IsActiveIn"/> as a query predicate, so that lists of items to evaluate are filtered in the database.</summary>
    public static System.Linq.Expressions.Expression<Func<ActionItem, bool>> ActiveIn(int year) => i =>
        i.Status == ItemStatus.Active
        || ((i.Status == ItemStatus.Completed || i.Status == ItemStatus.Abolished) && (i.StatusYear == null || year <= i.StatusYear))
        || ((i.Status == ItemStatus.Deleted || i.Status == ItemStatus.Merged) && (i.StatusYear == null || year < i.StatusYear));

    public string StatusLabel => LabelFor(Status, StatusYear);

    /// <summary>実施中, 令和4年度完了, 令和5年度から削除 …</summary>
    public static string LabelFor(ItemStatus status, int? statusYear) => status switch
    {
        ItemStatus.Active => "実施中",
        ItemStatus.Completed => $"{Year(statusYear)}完了",
        ItemStatus.Abolished => $"{Year(statusYear)}廃止・中止",
        ItemStatus.Deleted => $"{Year(statusYear)}から削除",
        ItemStatus.Merged => $"{Year(statusYear)}から他の項目へ移行",
        _ => status.ToString(),
    };

    public void Complete(FiscalYear year, string reason = "") => SetStatus(ItemStatus.Completed, year, reason, null);

    public void Abolish(FiscalYear year, string reason) => SetStatus(ItemStatus.Abolished, year, reason, null);

    public void Delete(FiscalYear fromYear, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("削除の理由を入力してください。");
        }
        SetStatus(ItemStatus.Deleted, fromYear, reason, null);
    }

    /// <summary>移行: merged into <paramref name="target"/> from <paramref name="fromYear"/> on, with a note that both items show.</summary>
    public void MergeInto(ActionItem target, FiscalYear fromYear, string reason = "")
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Id == Id || ReferenceEquals(target, this))
        {
            throw new DomainRuleException("項目を自分自身に統合することはできません。");
        }
        if (target.PlanId != PlanId)
        {
            throw new DomainRuleException("統合先は同じ計画の項目を選んでください。");
        }
        SetStatus(ItemStatus.Merged, fromYear, reason, target.Id);
    }

    public void Reactivate() => SetStatus(ItemStatus.Active, null, string.Empty, null);

    /// <summary>
    /// Moves the item to a lifecycle state other than 統合, which needs the item it is merged into
    /// (<see cref="MergeInto"/>). <paramref name="year"/> is required for every state but 実施中.
    /// </summary>
    public void ChangeStatus(ItemStatus status, FiscalYear? year, string reason)
    {
        switch (status)
        {
            case ItemStatus.Active:
                Reactivate();
                break;
            case ItemStatus.Completed:
                Complete(year!.Value, reason);
                break;
            case ItemStatus.Abolished:
                Abolish(year!.Value, reason);
                break;
            case ItemStatus.Deleted:
                Delete(year!.Value, reason);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "統合は MergeInto で行います。");
        }
    }

    /// <summary>
    /// Whether a department writes the item's self-rating and KPI actuals: its lead departments (主管) do; related ones
    /// (関係) write their own text only. An item without a lead department is rated by each of its departments.
    /// </summary>
    public bool IsRatedBy(int departmentId)
    {
        var department = Departments.FirstOrDefault(d => d.DepartmentId == departmentId);
        return department is not null && (department.Role == DepartmentRole.Lead || Departments.All(d => d.Role != DepartmentRole.Lead));
    }

    /// <summary>The departments that write the self-rating and KPI actuals (<see cref="IsRatedBy"/>), in the item's order.</summary>
    public IReadOnlyList<int> RatingDepartmentIds =>
        Departments.OrderBy(d => d.SortOrder).Where(d => IsRatedBy(d.DepartmentId)).Select(d => d.DepartmentId).ToList();

    public void AssignDepartment(int departmentId, DepartmentRole role)
    {
        if (Departments.Any(d => d.DepartmentId == departmentId))
        {
            throw new DomainRuleException("この部署は既に担当部署に含まれています。");
        }
        departments.Add(new ItemDepartment(departmentId, role, Departments.Count + 1));
    }

    /// <summary>
    /// Sets the item's departments (主管・関係) to exactly <paramref name="departments"/>, in that order. Evaluation
    /// parts already written keep the department that wrote them.
    /// </summary>
    public void SetDepartments(IReadOnlyList<(int DepartmentId, DepartmentRole Role)> departments)
    {
        ArgumentNullException.ThrowIfNull(departments);
        if (departments.GroupBy(d => d.DepartmentId).Any(g => g.Count() > 1))
        {
            throw new DomainRuleException("同じ部署が2回以上選ばれています。");
        }
        this.departments.RemoveAll(d => departments.All(x => x.DepartmentId != d.DepartmentId));
        for (var i = 0; i < departments.Count; i++)
        {
            var (departmentId, role) = departments[i];
            var existing = Departments.FirstOrDefault(d => d.DepartmentId == departmentId);
            if (existing is null)
            {
                this.departments.Add(new ItemDepartment(departmentId, role, i + 1));
            }
            else
            {
                existing.Change(role, i + 1);
            }
        }
    }

    /// <summary>Adds an indicator; names are unique within an item, as imports match indicators by name.</summary>
    public Kpi AddKpi(string name, string unit, KpiDirection direction)
    {
        var kpi = new Kpi(name, unit, direction, Kpis.Count == 0 ? 1 : Kpis.Max(k => k.SortOrder) + 1);
        EnsureUniqueKpiName(kpi.Name, null);
        kpis.Add(kpi);
        return kpi;
    }

    /// <summary>Adds an indicator made elsewhere (an import with its own order), under the same unique-name rule.</summary>
    public void AddKpi(Kpi kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        EnsureUniqueKpiName(kpi.Name, null);
        kpis.Add(kpi);
    }

    /// <summary>
    /// Moves the item from one department to another (a reorganisation): the other takes the same role, unless it is one
    /// of the item's departments already.
    /// </summary>
    public void TransferDepartment(int fromDepartmentId, int toDepartmentId)
    {
        var link = departments.Single(d => d.DepartmentId == fromDepartmentId);
        departments.Remove(link);
        if (departments.All(d => d.DepartmentId != toDepartmentId))
        {
            AssignDepartment(toDepartmentId, link.Role);
        }
    }

    public void EnsureUniqueKpiName(string name, Kpi? except)
    {
        var trimmed = name?.Trim();
        if (Kpis.Any(k => k != except && k.Name == trimmed))
        {
            throw new DomainRuleException($"指標「{trimmed}」はこの項目に既にあります。別の名前にしてください。");
        }
    }

    /// <summary>Removes an indicator entered by mistake; one with actual values, or one in a chain of replacements, stays.</summary>
    public void RemoveKpi(Kpi kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (kpi.Values.Any(v => v.HasActual))
        {
            throw new DomainRuleException($"指標「{kpi.Name}」には実績値が入力されているため、削除できません。使わなくなった指標は、新しい指標に置き換えてください。");
        }
        if (kpi.ReplacedByKpiId is not null || Kpis.Any(k => k.ReplacedByKpiId == kpi.Id))
        {
            throw new DomainRuleException($"指標「{kpi.Name}」は指標の置き換えに含まれているため、削除できません。");
        }
        kpis.Remove(kpi);
    }

    /// <summary>
    /// The first fiscal year in which an item with this status is no longer evaluated: the year after it was
    /// completed or abolished, the year it was deleted or merged from; null while it is active.
    /// </summary>
    public static int? FirstInactiveYear(ItemStatus status, int? statusYear) => status switch
    {
        ItemStatus.Completed or ItemStatus.Abolished => statusYear + 1,
        ItemStatus.Deleted or ItemStatus.Merged => statusYear,
        _ => null,
    };

    public void SetPhase(FiscalYear year, string phase)
    {
        var existing = Schedule.FirstOrDefault(s => s.FiscalYear == year.Year);
        if (string.IsNullOrWhiteSpace(phase))
        {
            if (existing is not null)
            {
                schedule.Remove(existing);
            }
            return;
        }
        if (existing is null)
        {
            schedule.Add(new SchedulePhase(year.Year, phase));
        }
        else
        {
            existing.Change(phase);
        }
    }

    private void SetStatus(ItemStatus status, FiscalYear? year, string reason, int? mergedInto)
    {
        Status = status;
        StatusYear = year?.Year;
        StatusReason = Guard.Optional(reason?.Trim(), ReasonMaxLength, "理由");
        MergedIntoItemId = mergedInto;
    }

    private static string Year(int? year) => year is { } y ? new FiscalYear(y).Label : string.Empty;
}

/// <summary>A department's part in an item: 主管 or 関係.</summary>
public sealed class ItemDepartment
{
    private ItemDepartment() { }

    internal ItemDepartment(int departmentId, DepartmentRole role, int sortOrder)
    {
        DepartmentId = departmentId;
        Role = role;
        SortOrder = sortOrder;
    }

    public int ItemId { get; private set; }

    public int DepartmentId { get; private set; }

    public DepartmentRole Role { get; private set; }

    public int SortOrder { get; private set; }

    internal void Change(DepartmentRole role, int sortOrder)
    {
        Role = role;
        SortOrder = sortOrder;
    }
}

/// <summary>スケジュール: the phase of an item in a fiscal year (研究, 検討, 実証, 導入, 運用, 拡充 …).</summary>
public sealed class SchedulePhase
{
    public const int PhaseMaxLength = 20;

    private SchedulePhase() { }

    internal SchedulePhase(int fiscalYear, string phase)
    {
        FiscalYear = fiscalYear;
        Phase = Guard.Required(phase, PhaseMaxLength, "スケジュールの段階");
    }

    public int Id { get; private set; }

    public int ItemId { get; private set; }

    public int FiscalYear { get; private set; }

    public string Phase { get; private set; } = string.Empty;

    internal void Change(string phase) => Phase = Guard.Required(phase, PhaseMaxLength, "スケジュールの段階");
}
