using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class EntryDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EntryDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ResultText = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    ImprovementText = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    SelfRating = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    KpiActualsJson = table.Column<string>(type: "jsonb", nullable: false),
                    PartVersion = table.Column<long>(type: "bigint", nullable: true),
                    EvaluationVersion = table.Column<long>(type: "bigint", nullable: true),
                    LoadedRating = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EntryDrafts_ActionItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ActionItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntryDrafts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntryDrafts_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EntryDrafts_DepartmentId",
                table: "EntryDrafts",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_EntryDrafts_ItemId",
                table: "EntryDrafts",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_EntryDrafts_UserId_ItemId_FiscalYear_DepartmentId",
                table: "EntryDrafts",
                columns: new[] { "UserId", "ItemId", "FiscalYear", "DepartmentId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EntryDrafts");
        }
    }
}
