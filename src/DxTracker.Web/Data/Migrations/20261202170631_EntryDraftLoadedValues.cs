using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class EntryDraftLoadedValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EvaluationVersion",
                table: "EntryDrafts");

            migrationBuilder.DropColumn(
                name: "LoadedRating",
                table: "EntryDrafts");

            migrationBuilder.DropColumn(
                name: "PartVersion",
                table: "EntryDrafts");

            migrationBuilder.AddColumn<string>(
                name: "LoadedJson",
                table: "EntryDrafts",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LoadedJson",
                table: "EntryDrafts");

            migrationBuilder.AddColumn<long>(
                name: "EvaluationVersion",
                table: "EntryDrafts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LoadedRating",
                table: "EntryDrafts",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PartVersion",
                table: "EntryDrafts",
                type: "bigint",
                nullable: true);
        }
    }
}
