using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DxTracker.Tests.Import;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data;
using DxTracker.Web.Data.Auditing;
using DxTracker.Web.Domain;
using DxTracker.Web.Domain.Evaluations;
using DxTracker.Web.Domain.Plans;
using DxTracker.Web.Features.Import;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DxTracker.Tests.Data;

/// <summary>
/// A large save inside the caller's transaction (an import) writes its new rows by COPY (issue 16): the database must
/// hold exactly what EF Core's row-by-row INSERTs leave — every table, every column — for new plans, for a second
/// plan over existing departments, and for a re-import that changes rows of the same tables.
/// </summary>
public sealed partial class NewRowsBulkWriteTests : IAsyncLifetime
{
    private static readonly ManualClock Clock = new(new DateTimeOffset(2026, 5, 31, 9, 0, 0, TimeSpan.FromHours(9)));
    private FreshDatabase byCopy = null!;
    private FreshDatabase byInsert = null!;

    public async Task InitializeAsync()
    {
        byCopy = await FreshDatabase.CreateAsync();
        byInsert = await FreshDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await byCopy.DisposeAsync();
        await byInsert.DisposeAsync();
    }

    public static TheoryData<string[]> Imports => new()
    {
        { ["tokushima"] },
        { ["suita"] },
        { ["suita", "tokushima"] },
        { ["tokushima", "tokushima-edited"] },
    };

    [Theory]
    [MemberData(nameof(Imports))]
    public async Task Imports_by_COPY_leave_the_rows_that_INSERTs_leave(string[] files)
    {
        var copyCommands = new QueryCounter();
        var insertCommands = new QueryCounter();
        foreach (var file in files)
        {
            await ImportAsync(byCopy, Content(file), bulkRows: 1, copyCommands);
            await ImportAsync(byInsert, Content(file), bulkRows: int.MaxValue, insertCommands);
        }

        // The COPY path did write the new rows itself (the INSERT path shows the statements it replaced).
        Assert.Contains(insertCommands.Commands, c => c.Contains("INSERT INTO \"ActionItems\"", StringComparison.Ordinal));
        Assert.DoesNotContain(copyCommands.Commands, c => c.Contains("INSERT INTO \"KpiValues\"", StringComparison.Ordinal));
        var tables = await TablesAsync();
        var expected = await CanonicalRowsAsync(byInsert, tables);
        var actual = await CanonicalRowsAsync(byCopy, tables);
        Assert.NotEmpty(expected["KpiValues"]);
        Assert.NotEmpty(expected["AuditEntries"]);
        foreach (var table in tables)
        {
            Assert.Equal(expected[table].Count, actual[table].Count);
            // Row by row, so that a difference shows the two rows.
            Assert.All(expected[table].Zip(actual[table]), pair => Assert.Equal(pair.First, pair.Second));
        }
    }

    [Fact]
    public async Task Rows_written_by_COPY_carry_their_database_row_versions_so_the_same_context_can_change_them()
    {
        await using var db = Context(byCopy, bulkRows: 1, new QueryCounter());
        await using var transaction = await db.Database.BeginTransactionAsync();
        var departments = Enumerable.Range(1, 3).Select(i => new Department($"V{i}", $"版{i}課", "はんか", i)).ToList();
        var plan = new Plan("版計画", "版市", new FiscalYear(2021), new FiscalYear(2023));
        db.Departments.AddRange(departments);
        db.Plans.Add(plan);
        await db.SaveChangesAsync();

        var version = await XminAsync(db, plan.Id);
        Assert.Equal(version, db.Entry(plan).Property(p => p.Version).CurrentValue);
        Assert.Equal(EntityState.Unchanged, db.Entry(plan).State);
        plan.Describe("版計画（改訂）", "", "版市");
        await db.SaveChangesAsync(); // the concurrency check compares the version read back
        await transaction.CommitAsync();

        await using var check = byCopy.CreateContext();
        Assert.Equal("版計画（改訂）", (await check.Plans.SingleAsync()).Name);
        Assert.Equal(3, await check.Departments.CountAsync());
    }

    [Fact]
    public async Task A_refusal_during_COPY_is_a_DbUpdateException_and_leaves_nothing()
    {
        await using (var db = Context(byCopy, bulkRows: 1, new QueryCounter()))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Departments.Add(new Department("D1", "同名課", "どうめいか", 1));
            db.Departments.Add(new Department("D2", "同名課", "どうめいか", 2));
            var refusal = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(refusal.InnerException).SqlState);
        }
        await using var check = byCopy.CreateContext();
        Assert.Equal(0, await check.Departments.CountAsync());
        Assert.Equal(0, await check.AuditEntries.CountAsync());
    }

    [Fact]
    public void Every_table_an_import_fills_can_take_its_rows_by_COPY()
    {
        using var db = byCopy.CreateContext();
        foreach (var type in new[] { typeof(Department), typeof(DepartmentFormerName), typeof(Plan), typeof(RatingGrade), typeof(PlanRevision), typeof(PlanYear),
            typeof(Policy), typeof(Category), typeof(ActionItem), typeof(ItemDepartment), typeof(SchedulePhase), typeof(Kpi), typeof(KpiValue),
            typeof(YearlyEvaluation), typeof(EvaluationPart) })
        {
            Assert.Null(NewRowsBulkWriter.WhyNotCopied(db.Model.FindEntityType(type)!));
        }
        Assert.False(NewRowsBulkWriter.CanCopy(db.Model.FindEntityType(typeof(EntryDraft))!), "jsonb columns are left to EF Core");
    }

    private static byte[] Content(string file) => file switch
    {
        "tokushima" => ImportTestData.Tokushima,
        "suita" => ImportTestData.Fixture("suita-whole-plan.json"),
        "tokushima-edited" => Edited(),
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };

    /// <summary>The Tokushima file again with one item renamed and its results changed: rows of the same tables change and are added.</summary>
    private static byte[] Edited()
    {
        var node = ImportTestData.TokushimaNode();
        var item = node["policies"]![0]!["items"]![0]!.AsObject();
        item["title"] = item["title"]!.GetValue<string>() + "（見直し）";
        return ImportTestData.Bytes(node);
    }

    private static async Task ImportAsync(FreshDatabase database, byte[] content, int bulkRows, QueryCounter counter)
    {
        await using var db = Context(database, bulkRows, counter);
        var result = await new PlanImporter(db, Clock).ImportAsync(content);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    private static AppDbContext Context(FreshDatabase database, int bulkRows, QueryCounter counter) =>
        TestDatabase.CreateContext(database.ConnectionString, new AuditInterceptor(new Importer(), Clock, bulkRows), counter);

    private async Task<List<string>> TablesAsync()
    {
        await using var db = byInsert.CreateContext();
        return [.. db.Model.GetEntityTypes().Select(t => t.GetTableName()!).Distinct()
            .Where(t => !t.StartsWith("AspNet", StringComparison.Ordinal) && t is not "DataProtectionKeys" and not "UserSessions" and not "EntryDrafts" and not "UserDepartments")];
    }

    /// <summary>
    /// Every row of every table as JSON, sorted. Keys are replaced by their rank among all keys of the data tables: both
    /// paths hand out the data's keys in the same order from the one HiLo sequence, but the audit rows take their blocks
    /// from it at different moments, so a second import's keys differ in value, not in order. The audit trail's own key
    /// and time are left out; the clock is fixed, so the times inside the rows agree.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> CanonicalRowsAsync(FreshDatabase database, List<string> tables)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var rows = new Dictionary<string, List<JsonObject>>();
        foreach (var table in tables)
        {
            var drop = table == "AuditEntries" ? " - 'Id' - 'At'" : "";
            await using var command = new NpgsqlCommand($"SELECT (to_jsonb(t){drop})::text FROM \"{table}\" t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            rows[table] = [];
            while (await reader.ReadAsync())
            {
                rows[table].Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
            }
        }
        var rank = rows.Where(t => t.Key != "AuditEntries").SelectMany(t => t.Value).Where(r => r["Id"] is not null)
            .Select(r => r["Id"]!.GetValue<long>()).Order().Select((id, i) => (id, i)).ToDictionary(p => p.id, p => $"#{p.i}");
        string Key(long id) => rank.TryGetValue(id, out var canonical) ? canonical : id.ToString(CultureInfo.InvariantCulture);
        string Keys(string text) => KeyInText().Replace(text, m => $"{m.Groups[1].Value}={Key(long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))}");
        return rows.ToDictionary(t => t.Key, t => t.Value.Select(row =>
        {
            foreach (var (name, value) in row.ToList())
            {
                row[name] = value switch
                {
                    JsonValue number when name.EndsWith("Id", StringComparison.Ordinal) && number.TryGetValue<long>(out var id) => Key(id),
                    JsonValue text when t.Key == "AuditEntries" && text.TryGetValue<string>(out var s) => name == "EntityId" ? string.Join("/", s.Split('/').Select(k => long.TryParse(k, out var id) ? Key(id) : k)) : Keys(s),
                    _ => value?.DeepClone(),
                };
            }
            return row.ToJsonString();
        }).Order(StringComparer.Ordinal).ToList());
    }

    [GeneratedRegex(@"\b(\w*Id)=(\d+)")]
    private static partial Regex KeyInText();

    private static async Task<uint> XminAsync(AppDbContext db, int planId)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("SELECT xmin FROM \"Plans\" WHERE \"Id\" = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = planId });
        return (uint)(await command.ExecuteScalarAsync())!;
    }

    private sealed class Importer : ICurrentActor
    {
        public string? UserId => "user-1";

        public string UserName => "取込 太郎";
    }
}
