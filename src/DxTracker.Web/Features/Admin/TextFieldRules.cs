using System.ComponentModel.DataAnnotations;
using DxTracker.Web.Components;
using DxTracker.Web.Domain;

namespace DxTracker.Web.Features.Admin;

/// <summary>
/// A text field that must read as a whole number (full-width digits accepted; empty allowed): the message, naming the
/// field, is shown at the field as soon as the form is checked.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WholeNumberTextAttribute(string label) : ValidationAttribute
{
    public string Label { get; } = label;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        Refusal(() => WholeNumber.Parse(value as string, Label), validationContext);

    internal static ValidationResult? Refusal(Action read, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            read();
            return ValidationResult.Success;
        }
        catch (DomainRuleException e)
        {
            return new ValidationResult(e.Message, context.MemberName is { } member ? [member] : []);
        }
    }
}

/// <summary>A text field that must read as a fiscal year (令和4年度, R4, 2022…; empty allowed).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FiscalYearTextAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        string.IsNullOrWhiteSpace(value as string)
            ? ValidationResult.Success
            : WholeNumberTextAttribute.Refusal(() => FiscalYear.Parse(value as string), validationContext);
}
