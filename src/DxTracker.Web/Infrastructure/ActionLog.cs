using System.Diagnostics;
using DxTracker.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Web.Infrastructure;

/// <summary>
/// What a handler did, as one structured event: user, action, subject (item/year…), outcome and milliseconds (and
/// as the <see cref="ActionMetrics"/> histogram). A circuit's actions are not HTTP requests, so the request log
/// cannot say this (docs/decisions/ADR-008).
/// </summary>
/// <example><code>await log.RunAsync("evaluation.submit", new { planId, itemId, fiscalYear }, () => SaveAsync(...));</code></example>
public sealed partial class ActionLog(ILogger<ActionLog> logger, CircuitPrincipal principal, ActionMetrics metrics)
{
    public async Task<T> RunAsync<T>(string action, object? subject, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await work();
            Write(action, subject, "done", started, null);
            return result;
        }
        catch (Exception e)
        {
            Write(action, subject, OutcomeOf(e), started, e);
            throw;
        }
    }

    public Task RunAsync(string action, object? subject, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync<bool>(action, subject, async () =>
        {
            await work();
            return true;
        });
    }

    /// <summary>A refusal or a conflict is an answer to the user, not a failure of the system.</summary>
    internal static string OutcomeOf(Exception e) => e switch
    {
        ForbiddenException => "forbidden",
        NotFoundException => "not-found",
        Domain.DomainRuleException => "refused",
        DbUpdateConcurrencyException or ConflictException => "conflict",
        _ => "failed",
    };

    private void Write(string action, object? subject, string outcome, long started, Exception? error)
    {
        var time = Stopwatch.GetElapsedTime(started);
        metrics.Record(action, outcome, time);
        var elapsed = time.TotalMilliseconds;
        var user = principal.User.Identity?.Name ?? "anonymous";
        if (outcome == "failed")
        {
            LogFailed(logger, error, action, user, subject, elapsed);
        }
        else
        {
            LogDone(logger, action, user, subject, outcome, elapsed);
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Action {Action} by {UserName} on {@Subject}: {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogDone(ILogger logger, string action, string userName, object? subject, string outcome, double elapsedMs);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Action {Action} by {UserName} on {@Subject}: failed in {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, Exception? error, string action, string userName, object? subject, double elapsedMs);
}
