namespace DxTracker.Web.Domain.Plans;

/// <summary>取組方針 (or 基本方針, 基本施策): the first level of a plan.</summary>
public sealed class Policy
{
    public const int TitleMaxLength = 300;

    private Policy() { }

    public Policy(int number, string title)
    {
        Renumber(number);
        Title = Guard.Required(title, TitleMaxLength, "方針の名称");
        SortOrder = number;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public int Number { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public int SortOrder { get; private set; }

    private readonly List<Category> categories = [];

    public IReadOnlyList<Category> Categories => categories;

    /// <summary>Adds a category (第2階層) after the last one.</summary>
    public Category AddCategory(string number, string title)
    {
        var category = new Category(number, title, categories.Count == 0 ? 1 : categories.Max(c => c.SortOrder) + 1);
        categories.Add(category);
        return category;
    }

    /// <summary>Adds a category made elsewhere (an import or a successor plan, with its own order).</summary>
    public void AddCategory(Category category)
    {
        ArgumentNullException.ThrowIfNull(category);
        categories.Add(category);
    }

    /// <summary>Removes a category; its items must have been placed elsewhere first.</summary>
    public void RemoveCategory(Category category) => categories.Remove(category);

    public void Retitle(string title) => Title = Guard.Required(title, TitleMaxLength, "方針の名称");

    public void Renumber(int number)
    {
        if (number is < 1 or > 999)
        {
            throw new DomainRuleException("方針の番号は1から999までの数字で入力してください。");
        }
        Number = number;
    }

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;
}

/// <summary>取組: an optional middle level between a policy and its items.</summary>
public sealed class Category
{
    public const int NumberMaxLength = 20;
    public const int TitleMaxLength = 300;

    private Category() { }

    public Category(string number, string title, int sortOrder)
    {
        Number = Guard.Optional(number?.Trim(), NumberMaxLength, "区分の番号");
        Title = Guard.Required(title, TitleMaxLength, "区分の名称");
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }

    public int PolicyId { get; private set; }

    public string Number { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public int SortOrder { get; private set; }

    public void Change(string number, string title, int sortOrder)
    {
        Number = Guard.Optional(number?.Trim(), NumberMaxLength, "区分の番号");
        Title = Guard.Required(title, TitleMaxLength, "区分の名称");
        SortOrder = sortOrder;
    }
}
