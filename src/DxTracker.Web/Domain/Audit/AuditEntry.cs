namespace DxTracker.Web.Domain.Audit;

/// <summary>One recorded change: who, when, what, the old and the new value.</summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, string? userId, string userName, string entityType, string entityId, string action)
    {
        At = at;
        UserId = userId;
        UserName = userName;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? UserId { get; private set; }

    public string UserName { get; private set; } = string.Empty;

    /// <summary>The entity's type name (YearlyEvaluation, ActionItem …).</summary>
    public string EntityType { get; private set; } = string.Empty;

    public string EntityId { get; private set; } = string.Empty;

    /// <summary>Created, Updated, Deleted, or a workflow step (Submitted, Returned, Approved, Reopened …).</summary>
    public string Action { get; private set; } = string.Empty;

    public string? Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public string? Comment { get; private set; }

    public int? PlanId { get; private set; }

    public int? ItemId { get; private set; }

    public int? FiscalYear { get; private set; }

    public AuditEntry WithChange(string? field, string? oldValue, string? newValue)
    {
        Field = field;
        OldValue = oldValue;
        NewValue = newValue;
        return this;
    }

    public AuditEntry About(int? planId, int? itemId, int? fiscalYear)
    {
        PlanId = planId;
        ItemId = itemId;
        FiscalYear = fiscalYear;
        return this;
    }

    public AuditEntry WithComment(string? comment)
    {
        Comment = comment;
        return this;
    }
}
