using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GalleryFavoritesAreImageAndAlbumFavorites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gallery_favorites");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gallery_favorites",
                columns: table => new
                {
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    ItemId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gallery_favorites", x => new { x.AccountId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_gallery_favorites_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_gallery_favorites_gallery_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "gallery_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_favorites_ItemId",
                table: "gallery_favorites",
                column: "ItemId");
        }
    }
}
