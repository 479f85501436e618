using DxTracker.Web.Data;
using DxTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>One save of an administration action: one transaction, with the database's refusals said in Japanese.</summary>
internal static class AdminSave
{
    public const string ConflictMessage = "ほかの人がこの内容を先に更新しました。画面を開き直して最新の内容を確認してから、もう一度保存してください。";

    public static async Task SaveAsync(AppDbContext db, string? conflictMessage = null)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new DomainRuleException(conflictMessage ?? ConflictMessage);
        }
        catch (DbUpdateException e) when (DatabaseRefusals.IsClosedYear(e))
        {
            db.ChangeTracker.Clear();
            throw new DomainRuleException("確定済みの年度のデータは変更できません。変更が必要な場合は、先に年度の確定を解除してください。");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            throw new DomainRuleException("同じ番号や名前のデータが、ほかの操作で同時に登録されました。画面を開き直して確認してください。");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            db.ChangeTracker.Clear();
            throw new DomainRuleException("ほかのデータから参照されているため、削除・変更できません。");
        }
    }

    /// <summary>Sets the row version the form was rendered with, so that a save over someone else's change is refused.</summary>
    /// <remarks>
    /// A form rendered from an older version is refused even when its values happen to change nothing, so that
    /// the person sees what the other one saved; the original value also guards the update against a save racing this one.
    /// The refusal names each field whose saved value differs from what this person typed, with both values.
    /// </remarks>
    public static void ExpectVersion<T>(AppDbContext db, T entity, uint? version, params IEnumerable<(string Label, string Saved, string Yours)> fields) where T : class
    {
        if (version is not { } v)
        {
            return;
        }
        var property = db.Entry(entity).Property<uint>("Version");
        if (property.CurrentValue != v)
        {
            throw new DomainRuleException(ConflictWith(fields));
        }
        property.OriginalValue = v;
    }

    /// <summary>The conflict message with what the other person saved, field by field, beside this person's input.</summary>
    public static string ConflictWith(IEnumerable<(string Label, string Saved, string Yours)> fields)
    {
        var changed = fields.Where(f => !string.Equals(f.Saved.Trim(), f.Yours.Trim(), StringComparison.Ordinal))
            .Select(f => $"{f.Label}：保存されている内容「{Short(f.Saved)}」／あなたの入力「{Short(f.Yours)}」").ToList();
        return changed.Count == 0 ? ConflictMessage : $"{ConflictMessage}（{string.Join("、", changed)}）";
    }

    private static string Short(string text)
    {
        var t = text.Trim().ReplaceLineEndings(" ");
        return t.Length <= 40 ? t : string.Concat(t.AsSpan(0, 40), "…");
    }
}
