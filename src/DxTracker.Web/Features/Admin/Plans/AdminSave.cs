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
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.CheckViolation, Hint: "dx_closed_year" })
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
    public static void ExpectVersion<T>(AppDbContext db, T entity, uint? version) where T : class
    {
        if (version is { } v)
        {
            db.Entry(entity).Property<uint>("Version").OriginalValue = v;
        }
    }
}
