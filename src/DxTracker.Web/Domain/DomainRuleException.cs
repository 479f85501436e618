namespace DxTracker.Web.Domain;

/// <summary>
/// A business rule refused an operation. The message is Japanese and written for the user:
/// pages show it next to the form.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string message) : base(message) { }

    public DomainRuleException(string message, Exception innerException) : base(message, innerException) { }

    public DomainRuleException() { }
}
