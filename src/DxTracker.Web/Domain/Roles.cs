namespace DxTracker.Web.Domain;

/// <summary>The four roles of DxTracker and their Japanese names.</summary>
public static class Roles
{
    /// <summary>管理者: plans, departments, users, import.</summary>
    public const string Admin = "Admin";

    /// <summary>デジタル推進課: reviews, approves, closes the year, exports.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>担当課職員: enters the results of the department's items.</summary>
    public const string Editor = "Editor";

    /// <summary>閲覧者: reads.</summary>
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Reviewer, Editor, Viewer];

    public static string DisplayName(string role) => role switch
    {
        Admin => "管理者",
        Reviewer => "デジタル推進課",
        Editor => "担当課職員",
        Viewer => "閲覧者",
        _ => role,
    };
}
