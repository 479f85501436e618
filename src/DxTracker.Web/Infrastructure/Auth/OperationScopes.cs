namespace DxTracker.Web.Infrastructure.Auth;

/// <summary>
/// A DI scope per operation, acting as the current user. For handlers that need a scoped service which holds a
/// DbContext (Identity's UserManager, the plan importer): a circuit's own scope lives as long as its tab, so each
/// operation gets a fresh scope, and the user is copied into it so that the audit trail records who acted.
/// </summary>
public sealed class OperationScopes(IServiceScopeFactory scopes, CircuitPrincipal principal)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CircuitPrincipal>().Set(principal.User);
        return await work(scope.ServiceProvider);
    }

    public Task RunAsync(Func<IServiceProvider, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync<bool>(async services =>
        {
            await work(services);
            return true;
        });
    }
}

/// <summary>The administrators-only rule, checked by every administration handler (not only by the page's policy).</summary>
public static class AdminAccess
{
    public static void EnsureAdmin(this CircuitPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!Access.IsAdmin(principal.User))
        {
            throw new ForbiddenException();
        }
    }
}
