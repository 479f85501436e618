using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DxTracker.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF sends, so that a test can prove a page's query count does not grow with the data, and keeps
/// them with their parameters for <see cref="QueryPlans"/>. Linked into the benchmarks as source.
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> commands = new();

    public IReadOnlyList<string> Commands => [.. commands.Select(c => c.Text)];

    /// <summary>The commands with copies of their parameters, so that a test can run them again (under EXPLAIN).</summary>
    public IReadOnlyList<RecordedCommand> Recorded => [.. commands];

    public int Count => commands.Count;

    /// <summary>Whether commands are kept (a benchmark turns it off while it measures).</summary>
    public bool Recording { get; set; } = true;

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
        if (Recording && !command.CommandText.Contains("\"UserSessions\"", StringComparison.Ordinal))
        {
            commands.Enqueue(new RecordedCommand(command.CommandText, [.. command.Parameters.OfType<NpgsqlParameter>().Select(p => p.Clone())]));
        }
    }
}

/// <summary>One SQL command as EF sent it.</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<NpgsqlParameter> Parameters);
