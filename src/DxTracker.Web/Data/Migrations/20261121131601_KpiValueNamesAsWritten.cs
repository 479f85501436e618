using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class KpiValueNamesAsWritten : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActualName",
                table: "KpiValues",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PlannedName",
                table: "KpiValues",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActualName",
                table: "KpiValues");

            migrationBuilder.DropColumn(
                name: "PlannedName",
                table: "KpiValues");
        }
    }
}
