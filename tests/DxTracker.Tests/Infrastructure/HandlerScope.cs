using System.Security.Claims;
using DxTracker.Web.Data.Identity;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Infrastructure;

/// <summary>
/// A DI scope of the real app acting as one user, as an interactive circuit does: handlers resolved from it see that
/// user (roles and claims from the app's own claims factory), and so does the audit trail. Handler tests send their
/// commands through it, as a page would.
/// </summary>
public sealed class HandlerScope : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;

    private HandlerScope(AsyncServiceScope scope, ClaimsPrincipal user)
    {
        this.scope = scope;
        User = user;
    }

    public ClaimsPrincipal User { get; }

    public IServiceProvider Services => scope.ServiceProvider;

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>A scope acting as the user with this user name (e.g. the demo accounts: admin, reviewer, editor, viewer).</summary>
    public static async Task<HandlerScope> ForAsync(IServiceProvider appServices, string userName)
    {
        ArgumentNullException.ThrowIfNull(appServices);
        var scope = appServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<CircuitPrincipal>().Set(principal);
        return new HandlerScope(scope, principal);
    }

    /// <summary>A scope with nobody signed in.</summary>
    public static HandlerScope Anonymous(IServiceProvider appServices)
    {
        ArgumentNullException.ThrowIfNull(appServices);
        var scope = appServices.CreateAsyncScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity());
        scope.ServiceProvider.GetRequiredService<CircuitPrincipal>().Set(principal);
        return new HandlerScope(scope, principal);
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
