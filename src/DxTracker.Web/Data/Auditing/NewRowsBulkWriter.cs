using DxTracker.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DxTracker.Web.Data.Auditing;

/// <summary>
/// Writes the new rows of a large save with one COPY per table, on the save's own connection and transaction, and
/// hands EF Core only what is left (changed and deleted rows, and the new rows of tables COPY cannot take): an import
/// of a 5,000-item plan adds a hundred thousand rows, and one INSERT per row was most of its time (issue 16).
/// The keys are already known (HiLo); the row versions (xmin) are read back, so that the same context can go on
/// changing the rows. What is written is what EF Core would write: the same columns, through the same value converters.
/// </summary>
internal static class NewRowsBulkWriter
{
    /// <summary>The column types whose values Npgsql writes correctly from the provider's CLR type alone.</summary>
    private static readonly HashSet<string> CopyableStoreTypes =
    [
        "integer", "bigint", "smallint", "boolean", "text", "character varying", "character", "date",
        "timestamp with time zone", "numeric", "uuid", "bytea", "double precision", "real",
    ];

    public static async Task WriteAsync(DbContext context, IReadOnlyList<EntityEntry> tracked, CancellationToken cancellationToken)
    {
        var added = tracked.Where(e => e.State == EntityState.Added && e.Entity is not AuditEntry)
            .GroupBy(e => e.Metadata).ToDictionary(g => g.Key, g => g.ToList());
        if (added.Count == 0)
        {
            return;
        }
        var changedTables = tracked.Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Metadata.GetTableName()).ToHashSet();
        var copied = added.Keys.Where(t => CanCopy(t) && !ClashesWithChanges(t, changedTables) && added[t].All(e => !e.Properties.Any(p => p.IsTemporary)))
            .ToHashSet();
        // A table's rows go by COPY only when every new row they refer to is already there: its principals' new rows
        // went by COPY before it (or it has none). Dropping one table can drop its dependents, so repeat until stable.
        // Tables that refer to each other (a cycle) cannot be put in an order, so they stay with EF Core too.
        copied.RemoveWhere(t => Reaches(t, t, []));
        while (copied.RemoveWhere(t => PrincipalsOf(t).Any(p => added.ContainsKey(p) && !copied.Contains(p))) > 0)
        {
        }
        var sql = context.GetService<ISqlGenerationHelper>();
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        foreach (var entityType in InDependencyOrder(copied))
        {
            var rows = added[entityType];
            try
            {
                await CopyAsync(connection, sql, entityType, rows, cancellationToken);
            }
            catch (PostgresException e)
            {
                // What EF Core throws for the same refusal, so that callers explain it the same way (the transaction is
                // aborted either way).
                throw new DbUpdateException($"COPY into {entityType.GetTableName()} failed: {e.MessageText}", e, rows);
            }
            foreach (var row in rows)
            {
                row.State = EntityState.Unchanged;
            }
        }
    }

    /// <summary>
    /// Writes one column's value as EF Core would send it: through the property's value converter (enum names, UTC
    /// times), then as Npgsql writes the provider's CLR type.
    /// </summary>
    public static Task WriteValueAsync(NpgsqlBinaryImporter writer, IProperty property, object? value, CancellationToken cancellationToken) =>
        (value is null || property.GetTypeMapping().Converter is not { } converter ? value : converter.ConvertToProvider(value)) is { } provider
            ? writer.WriteAsync(provider, cancellationToken)
            : writer.WriteNullAsync(cancellationToken);

    private static async Task CopyAsync(NpgsqlConnection connection, ISqlGenerationHelper sql, IEntityType entityType, List<EntityEntry> rows, CancellationToken cancellationToken)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var columns = entityType.GetProperties().Where(p => !IsRowVersion(p)).ToList();
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY {tableName} ({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    await WriteValueAsync(writer, column, row.Property(column).CurrentValue, cancellationToken);
                }
            }
            await writer.CompleteAsync(cancellationToken);
        }

        if (entityType.GetProperties().SingleOrDefault(IsRowVersion) is { } version)
        {
            await ReadRowVersionsAsync(connection, sql, tableName, entityType.FindPrimaryKey()!.Properties[0], table, version, rows, cancellationToken);
        }
    }

    /// <summary>Sets each new row's version (xmin) as the database gave it, as EF Core does after its INSERT … RETURNING.</summary>
    private static async Task ReadRowVersionsAsync(NpgsqlConnection connection, ISqlGenerationHelper sql, string tableName, IProperty key,
        StoreObjectIdentifier table, IProperty version, List<EntityEntry> rows, CancellationToken cancellationToken)
    {
        var byKey = rows.ToDictionary(r => Convert.ToInt64(r.Property(key).CurrentValue, System.Globalization.CultureInfo.InvariantCulture));
        var keyColumn = sql.DelimitIdentifier(key.GetColumnName(table)!);
        await using var command = new NpgsqlCommand(
            $"SELECT {keyColumn}::bigint, {sql.DelimitIdentifier(version.GetColumnName(table)!)} FROM {tableName} WHERE {keyColumn}::bigint = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = byKey.Keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byKey[reader.GetInt64(0)].Property(version).CurrentValue = reader.GetFieldValue<uint>(1);
        }
    }

    private static bool IsRowVersion(IProperty property) =>
        property is { IsConcurrencyToken: true, ValueGenerated: ValueGenerated.OnAddOrUpdate } && property.GetColumnType() == "xid";

    /// <summary>
    /// Whether COPY writes exactly what EF Core's INSERT would: one table of its own, no inheritance, no value the
    /// database makes (a default, a computed column, a generated key) except the row version, and column types whose
    /// values Npgsql writes from the CLR type.
    /// </summary>
    internal static bool CanCopy(IEntityType entityType) => WhyNotCopied(entityType) is null;

    /// <summary>Why <see cref="CanCopy"/> says no (null when it says yes).</summary>
    internal static string? WhyNotCopied(IEntityType entityType)
    {
        if (entityType.GetTableName() is not { } tableName || entityType.IsOwned() || entityType.HasSharedClrType
            || entityType.BaseType is not null || entityType.GetDerivedTypes().Any()
            || entityType.Model.GetEntityTypes().Count(t => t.GetTableName() == tableName && t.GetSchema() == entityType.GetSchema()) > 1)
        {
            return "not one table of its own";
        }
        var key = entityType.FindPrimaryKey();
        var version = entityType.GetProperties().Where(IsRowVersion).ToList();
        if (key is null || version.Count > 1 || (version.Count == 1 && (key.Properties.Count != 1 || key.Properties[0].ClrType != typeof(int) && key.Properties[0].ClrType != typeof(long))))
        {
            return "no key to read its row versions back by";
        }
        return entityType.GetProperties().Where(p => !version.Contains(p)).Select(p =>
                p.IsPrimaryKey() && p.FindHiLoSequence() is not null ? null
                : p.GetDefaultValueSql() is not null || p.TryGetDefaultValue(out _) || p.GetComputedColumnSql() is not null ? $"{p.Name}: made by the database"
                : p.ValueGenerated != ValueGenerated.Never ? $"{p.Name}: generated {p.ValueGenerated}"
                : !CopyableStoreTypes.Contains(p.GetRelationalTypeMapping().StoreTypeNameBase) ? $"{p.Name}: {p.GetRelationalTypeMapping().StoreTypeNameBase}"
                : null)
            .FirstOrDefault(reason => reason is not null);
    }

    /// <summary>
    /// A new row may take a unique value that a changed or deleted row of the same table gives up in the same save; EF
    /// Core orders those statements, COPY before the save cannot, so such a table's new rows stay with EF Core.
    /// </summary>
    private static bool ClashesWithChanges(IEntityType entityType, HashSet<string?> changedTables) =>
        changedTables.Contains(entityType.GetTableName()) && entityType.GetIndexes().Any(i => i.IsUnique);

    private static IEnumerable<IEntityType> PrincipalsOf(IEntityType entityType) =>
        entityType.GetForeignKeys().Select(f => f.PrincipalEntityType).Where(p => p != entityType);

    private static bool Reaches(IEntityType from, IEntityType target, HashSet<IEntityType> seen) =>
        PrincipalsOf(from).Any(p => p == target || (seen.Add(p) && Reaches(p, target, seen)));

    private static List<IEntityType> InDependencyOrder(HashSet<IEntityType> types)
    {
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        void Place(IEntityType type)
        {
            if (!placed.Add(type))
            {
                return;
            }
            foreach (var principal in PrincipalsOf(type).Where(types.Contains))
            {
                Place(principal);
            }
            ordered.Add(type);
        }
        foreach (var type in types.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Place(type);
        }
        return ordered;
    }
}
