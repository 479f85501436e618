using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class HiLoBlocksOf100 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterSequence(
                name: "EntityFrameworkHiLoSequence",
                incrementBy: 100,
                oldIncrementBy: 10);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterSequence(
                name: "EntityFrameworkHiLoSequence",
                incrementBy: 10,
                oldIncrementBy: 100);
        }
    }
}
