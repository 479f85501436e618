namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>
/// A rule refused a value of one form field: the page shows the Japanese message next to that field
/// (<see cref="Field"/> is the form model's property name) as well as at the top of the page.
/// </summary>
public sealed class FieldRuleException : Exception
{
    public FieldRuleException(string field, string message) : base(message) => Field = field;

    public FieldRuleException() : this(string.Empty, string.Empty) { }

    public FieldRuleException(string message) : this(string.Empty, message) { }

    public FieldRuleException(string message, Exception innerException) : base(message, innerException) => Field = string.Empty;

    public string Field { get; }
}
