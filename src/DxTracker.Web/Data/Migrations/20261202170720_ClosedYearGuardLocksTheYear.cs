using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxTracker.Web.Data.Migrations
{
    /// <summary>
    /// The closed-year trigger reads the year's state with a share lock: a save that races the closing of its year waits
    /// for the close and is then refused, instead of landing in the closed year.
    /// </summary>
    public partial class ClosedYearGuardLocksTheYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ClosedYearGuard.LockingCheck);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ClosedYearGuard.PlainCheck);
        }
    }
}
