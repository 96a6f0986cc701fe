using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GalleryVotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "HotScore",
                table: "gallery_items",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateTable(
                name: "gallery_votes",
                columns: table => new
                {
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Up = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gallery_votes", x => new { x.ItemId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_gallery_votes_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_gallery_votes_gallery_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "gallery_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_CreatedAt",
                table: "gallery_items",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_HotScore",
                table: "gallery_items",
                column: "HotScore");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_InMostViral_HotScore",
                table: "gallery_items",
                columns: new[] { "InMostViral", "HotScore" });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_Score",
                table: "gallery_items",
                column: "Score");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_votes_AccountId",
                table: "gallery_votes",
                column: "AccountId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gallery_votes");

            migrationBuilder.DropIndex(
                name: "IX_gallery_items_CreatedAt",
                table: "gallery_items");

            migrationBuilder.DropIndex(
                name: "IX_gallery_items_HotScore",
                table: "gallery_items");

            migrationBuilder.DropIndex(
                name: "IX_gallery_items_InMostViral_HotScore",
                table: "gallery_items");

            migrationBuilder.DropIndex(
                name: "IX_gallery_items_Score",
                table: "gallery_items");

            migrationBuilder.DropColumn(
                name: "HotScore",
                table: "gallery_items");
        }
    }
}
