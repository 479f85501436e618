using System.ComponentModel.DataAnnotations;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>
/// The Japanese messages of one interactive form, by field (the input model's property name, or a cell name):
/// from the model's validation attributes before a save, and from a handler's <see cref="FieldRuleException"/> after.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> messages = new(StringComparer.Ordinal);

    public string? this[string field] => messages.GetValueOrDefault(field);

    public bool Has(string field) => messages.ContainsKey(field);

    public bool Any => messages.Count > 0;

    public void Clear() => messages.Clear();

    public void Clear(string field) => messages.Remove(field);

    public void Add(string field, string message) => messages.TryAdd(field, message);

    public void AddRange(IEnumerable<KeyValuePair<string, string>> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var (field, message) in problems)
        {
            Add(field, message);
        }
    }

    /// <summary>Checks the model's validation attributes; true when it is valid. Fields are put under 「prefix + property」.</summary>
    public bool Validate(object model, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true))
        {
            return true;
        }
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                Add(prefix + member, result.ErrorMessage ?? string.Empty);
            }
        }
        return false;
    }
}
