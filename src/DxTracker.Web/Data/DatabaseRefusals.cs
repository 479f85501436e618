using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DxTracker.Web.Data;

/// <summary>The database's own refusals that every save translates into a Japanese message.</summary>
public static class DatabaseRefusals
{
    /// <summary>The closed-year trigger refused the write (the year was closed, possibly while this save was on its way).</summary>
    public static bool IsClosedYear(Exception e) =>
        e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.CheckViolation, Hint: "dx_closed_year" } };
}
