using System.Collections.Concurrent;
using System.Data.Common;
using DxTracker.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DxTracker.Tests.Infrastructure;

/// <summary>Counts the SQL commands EF sends, so that a test can prove a page's query count does not grow with the data.</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> commands = new();

    public IReadOnlyList<string> Commands => [.. commands];

    public int Count => commands.Count;

    public void Reset() => commands.Clear();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>
    /// The sign-in session's own lookup (one per request, and its last-used time at most once a minute) is
    /// authentication, the same for every page and size of plan: not counted as the page's queries.
    /// </summary>
    private void Record(DbCommand command)
    {
        if (!command.CommandText.Contains("\"UserSessions\"", StringComparison.Ordinal))
        {
            commands.Enqueue(command.CommandText);
        }
    }
}

/// <summary>The app with every DbContext it builds reporting its commands to <see cref="Counter"/>.</summary>
public sealed class QueryCountingFactory(string connectionString) : DxWebApplicationFactory(connectionString)
{
    public QueryCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<AppDbContext>((_, options) => options.AddInterceptors(Counter)));
    }
}
