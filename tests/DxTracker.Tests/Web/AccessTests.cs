using System.Security.Claims;
using DxTracker.Web.Domain;
using DxTracker.Web.Infrastructure.Auth;

namespace DxTracker.Tests.Web;

/// <summary>The one rule of who may write which department's part, and who reviews (every handler and page asks it).</summary>
public sealed class AccessTests
{
    private static readonly HashSet<int> Mine = [1, 3];
    private static readonly int[] ItemDepartments = [1, 2];

    [Theory]
    [InlineData(Roles.Admin, true, "1,2")]
    [InlineData(Roles.Reviewer, true, "1,2")]
    [InlineData(Roles.Editor, false, "1")]
    [InlineData(Roles.Viewer, false, "")]
    public void Each_role_may_write_exactly_its_parts(string role, bool reviewer, string writable)
    {
        var user = SignedIn(role);

        Assert.Equal(reviewer, Access.IsReviewer(user));
        Assert.Equal(role == Roles.Admin, Access.IsAdmin(user));
        Assert.Equal(writable, string.Join(",", Access.WritableDepartments(user, Mine, ItemDepartments)));
    }

    [Fact]
    public void An_editor_of_none_of_the_items_departments_may_write_nothing()
    {
        Assert.Empty(Access.WritableDepartments(SignedIn(Roles.Editor), new HashSet<int> { 9 }, ItemDepartments));
    }

    [Fact]
    public void Roles_without_a_sign_in_count_for_nothing()
    {
        var unauthenticated = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Admin)]));

        Assert.False(Access.IsReviewer(unauthenticated));
        Assert.False(Access.IsAdmin(unauthenticated));
        Assert.Empty(Access.WritableDepartments(unauthenticated, Mine, ItemDepartments));
    }

    private static ClaimsPrincipal SignedIn(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "test"));
}
