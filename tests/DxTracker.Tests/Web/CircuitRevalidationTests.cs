using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DxTracker.Tests.Web;

/// <summary>An open tab (circuit) keeps its user only while the account is unchanged: what revalidation decides.</summary>
public sealed class CircuitRevalidationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private DxWebApplicationFactory factory = null!;

    public Task InitializeAsync()
    {
        factory = new DxWebApplicationFactory(database.ConnectionString);
        factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private async Task<bool> RevalidateAsync(HandlerScope signedIn)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var provider = (IdentityRevalidatingAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        return await provider.RevalidateNowAsync(signedIn.User);
    }

    private async Task ChangeAsync(string userName, Func<UserManager<ApplicationUser>, ApplicationUser, Task> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await change(users, (await users.FindByNameAsync(userName))!);
    }

    [Fact]
    public async Task An_unchanged_account_stays_signed_in()
    {
        await using var editor = await HandlerScope.ForAsync(factory.Services, "editor2");
        Assert.True(await RevalidateAsync(editor));
    }

    [Fact]
    public async Task A_deactivated_account_is_signed_out_of_its_open_tabs()
    {
        await using var viewer = await HandlerScope.ForAsync(factory.Services, "viewer");
        await ChangeAsync("viewer", async (users, user) =>
        {
            user.IsActive = false;
            await users.UpdateAsync(user);
        });
        Assert.False(await RevalidateAsync(viewer));
    }

    [Fact]
    public async Task A_changed_role_or_reset_password_changes_the_stamp_and_signs_the_tab_out()
    {
        await using var editor = await HandlerScope.ForAsync(factory.Services, "editor");
        await ChangeAsync("editor", (users, user) => users.UpdateSecurityStampAsync(user));
        Assert.False(await RevalidateAsync(editor));
    }

    [Fact]
    public void Open_tabs_revalidate_every_five_minutes_by_default()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), factory.Services.GetRequiredService<IOptions<RevalidationOptions>>().Value.Interval);
    }
}
