using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormerNameShownBesideNewName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ShownBesideNewName",
                table: "DepartmentFormerName",
                type: "boolean",
                nullable: false,
                // Renames registered before this column: their year's report keeps reading 「新名（旧名）」 as before.
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ShownBesideNewName",
                table: "DepartmentFormerName");
        }
    }
}
