using System.Globalization;
using DxTracker.Tests.Import;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Auditing;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace DxTracker.Tests.Data;

/// <summary>
/// A save of many changes inside the caller's transaction (an import) writes its audit rows with one COPY after the
/// data (issue 16): the rows must be the ones the row-by-row path writes, and a save that fails must leave none.
/// </summary>
public sealed class AuditBulkWriteTests : IAsyncLifetime
{
    private const int Rows = AuditInterceptor.BulkRows + 100;
    private FreshDatabase database = null!;

    public async Task InitializeAsync() => database = await FreshDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_large_save_in_a_transaction_writes_by_COPY_the_rows_the_row_by_row_path_writes()
    {
        var bulk = new QueryCounter();
        await using (var db = Context(bulk))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Departments.AddRange(Departments("一括"));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        var single = new QueryCounter();
        await using (var db = Context(single))
        {
            db.Departments.AddRange(Departments("個別"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, AuditInserts(bulk));
        Assert.Equal(Rows, AuditInserts(single));
        await using var check = database.CreateContext();
        var departments = await check.Departments.ToDictionaryAsync(d => d.Id.ToString(CultureInfo.InvariantCulture));
        var rows = await check.AuditEntries.Where(a => a.EntityType == nameof(Department)).ToListAsync();
        Assert.Equal(2 * Rows, rows.Count);
        Assert.Equal(2 * Rows, rows.Select(r => r.Id).Distinct().Count());
        // The same row for the same department, whichever path wrote it (its id and prefix aside).
        var byPath = rows.ToLookup(r => departments[r.EntityId].Name[..2], r => Normalized(r, departments[r.EntityId]));
        Assert.Equal(byPath["個別"].Order(StringComparer.Ordinal), byPath["一括"].Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Contains($"Name={departments[r.EntityId].Name}", r.NewValue, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_large_save_that_fails_leaves_no_audit_rows_and_the_next_save_writes_only_its_own()
    {
        await using (var db = Context(new QueryCounter()))
        {
            db.Departments.Add(new Department("X1", "既存課", "きそんか", 1));
            await db.SaveChangesAsync();
        }
        var before = await CountAsync();

        await using (var db = Context(new QueryCounter()))
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Departments.AddRange(Departments("失敗"));
                db.Departments.Add(new Department("X2", "既存課", "きそんか", 2)); // the unique name refuses the whole save
                await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            }
            db.ChangeTracker.Clear();
            Assert.Equal(before, await CountAsync());

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Departments.Add(new Department("X3", "次の課", "つぎのか", 3));
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        }

        Assert.Equal((before.Departments + 1, before.Audit + 1), await CountAsync());
    }

    private AppDbContext Context(QueryCounter counter) =>
        TestDatabase.CreateContext(database.ConnectionString, new AuditInterceptor(new Actor(), TimeProvider.System), counter);

    private static IEnumerable<Department> Departments(string prefix) =>
        Enumerable.Range(1, Rows).Select(i => new Department($"{prefix}{i}", $"{prefix}{i}課", "か", i));

    private static int AuditInserts(QueryCounter counter) =>
        counter.Commands.Sum(c => c.Split("INSERT INTO \"AuditEntries\"").Length - 1);

    private static string Normalized(AuditEntry row, Department department) =>
        string.Join("|", row.Action, row.UserId, row.UserName, row.Field, row.OldValue, row.Comment, row.PlanId, row.ItemId, row.FiscalYear,
            row.NewValue!.Replace($"Id={row.EntityId}", "Id=#", StringComparison.Ordinal).Replace(department.Name[..2], "#", StringComparison.Ordinal));

    private async Task<(int Departments, int Audit)> CountAsync()
    {
        await using var db = database.CreateContext();
        return (await db.Departments.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private sealed class Actor : ICurrentActor
    {
        public string? UserId => "user-1";

        public string UserName => "一括 太郎";
    }
}
