using System.Data;
using DxTracker.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DxTracker.Web.Data.Auditing;

/// <summary>
/// Writes many audit rows with one COPY, on the save's own connection and transaction: an import of a 5,000-item plan
/// records a quarter of a million changes, and one INSERT statement per row through the change tracker was as costly
/// as saving the data itself. The rows are the ones <see cref="AuditInterceptor"/> builds; the keys come from the
/// same HiLo sequence as EF Core's, a block of keys per sequence value, so they never meet a key EF Core hands out.
/// </summary>
internal static class AuditBulkWriter
{
    public static async Task WriteAsync(DbContext context, IEnumerable<AuditEntry> entries, int count, CancellationToken cancellationToken)
    {
        var entityType = context.Model.FindEntityType(typeof(AuditEntry))!;
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var sequence = key.FindHiLoSequence() ?? throw new InvalidOperationException("The audit trail's key has no HiLo sequence.");
        var sql = context.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToList();
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();

        var keys = await ReserveKeysAsync(connection, sql.DelimitIdentifier(sequence.Name, sequence.Schema), sequence.IncrementBy, count, cancellationToken);
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var i = 0;
        // Each row is made as it is written (the entries are described lazily), so they are never all in memory at once.
        foreach (var entry in entries)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var property in properties)
            {
                await NewRowsBulkWriter.WriteValueAsync(writer, property, property == key ? keys[i] : property.GetGetter().GetClrValue(entry), cancellationToken);
            }
            i++;
        }
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>Takes enough sequence values for <paramref name="count"/> keys in one query; value v stands for keys v … v + increment − 1.</summary>
    private static async Task<long[]> ReserveKeysAsync(NpgsqlConnection connection, string sequence, int increment, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT nextval($1::regclass) FROM generate_series(1, $2) ORDER BY 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = (count + increment - 1) / increment });
        var keys = new long[count];
        var next = 0;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var block = reader.GetInt64(0);
            for (var k = 0; k < increment && next < count; k++)
            {
                keys[next++] = block + k;
            }
        }
        return keys;
    }
}
