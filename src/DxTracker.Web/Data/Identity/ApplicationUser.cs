using Microsoft.AspNetCore.Identity;

namespace DxTracker.Web.Data.Identity;

/// <summary>A staff member's account. Roles come from Identity; departments from <see cref="UserDepartment"/>.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>A deactivated account cannot sign in; it is kept so that its history stays readable.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Set when an administrator resets the password: the user chooses a new one at next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public List<UserDepartment> Departments { get; } = [];
}

/// <summary>A user's membership of a department.</summary>
public sealed class UserDepartment
{
    public string UserId { get; set; } = string.Empty;

    public int DepartmentId { get; set; }
}
