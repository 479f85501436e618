using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.EndToEnd.Infrastructure;

/// <summary>The entry form's autosaved drafts (<see cref="EntryDraft"/>), as the database holds them.</summary>
public static class EntryDrafts
{
    /// <summary>Waits until an autosaved draft of the item satisfies <paramref name="holds"/>; fails after 30 seconds.</summary>
    public static async Task<EntryDraft> WaitForAsync(string connectionString, int itemId, Func<EntryDraft, bool> holds, string what)
    {
        ArgumentNullException.ThrowIfNull(holds);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = TestDatabase.CreateContext(connectionString))
            {
                var drafts = await db.EntryDrafts.AsNoTracking().Where(d => d.ItemId == itemId).ToListAsync();
                if (drafts.FirstOrDefault(holds) is { } draft)
                {
                    return draft;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, $"the autosaved draft never held {what}");
            await Task.Delay(200);
        }
    }
}
