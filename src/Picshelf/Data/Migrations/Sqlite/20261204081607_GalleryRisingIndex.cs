using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GalleryRisingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_gallery_items_HotScore_Id_Hidden_Mature_InMostViral",
                table: "gallery_items");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_rank",
                table: "gallery_items",
                columns: new[] { "HotScore", "Id", "CreatedAt", "Hidden", "Mature", "InMostViral" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_gallery_items_rank",
                table: "gallery_items");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_HotScore_Id_Hidden_Mature_InMostViral",
                table: "gallery_items",
                columns: new[] { "HotScore", "Id", "Hidden", "Mature", "InMostViral" });
        }
    }
}
