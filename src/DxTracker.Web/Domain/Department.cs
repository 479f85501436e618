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
        Code = Require(code, CodeMaxLength, "部署コード");
        Name = Require(name, NameMaxLength, "部署名");
        Reading = reading?.Trim() ?? string.Empty;
        if (Reading.Length > ReadingMaxLength)
        {
            throw new DomainRuleException($"よみがなは{ReadingMaxLength}文字以内で入力してください。");
        }
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public string Code { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    /// <summary>よみがな, for sorting the way Japanese users expect (not by code points).</summary>
    public string Reading { get; private set; } = string.Empty;

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; } = true;

    private static string Require(string value, int maxLength, string label)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainRuleException($"{label}を入力してください。");
        }
        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException($"{label}は{maxLength}文字以内で入力してください。");
        }
        return trimmed;
    }
}
