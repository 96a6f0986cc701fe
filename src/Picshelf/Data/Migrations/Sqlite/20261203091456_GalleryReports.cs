using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GalleryReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Hidden",
                table: "gallery_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "gallery_reports",
                columns: table => new
                {
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gallery_reports", x => new { x.ItemId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_gallery_reports_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_gallery_reports_gallery_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "gallery_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_reports_AccountId",
                table: "gallery_reports",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_reports_CreatedAt",
                table: "gallery_reports",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gallery_reports");

            migrationBuilder.DropColumn(
                name: "Hidden",
                table: "gallery_items");
        }
    }
}
