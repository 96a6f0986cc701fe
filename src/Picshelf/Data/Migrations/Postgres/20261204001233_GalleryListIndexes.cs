using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GalleryListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_CreatedAt_Id_Score_HotScore_Hidden_Mature_InM~",
                table: "gallery_items",
                columns: new[] { "CreatedAt", "Id", "Score", "HotScore", "Hidden", "Mature", "InMostViral" });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_HotScore_Id_Hidden_Mature_InMostViral",
                table: "gallery_items",
                columns: new[] { "HotScore", "Id", "Hidden", "Mature", "InMostViral" });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_Score_CreatedAt_Id_Hidden_Mature_InMostViral",
                table: "gallery_items",
                columns: new[] { "Score", "CreatedAt", "Id", "Hidden", "Mature", "InMostViral" });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_viral",
                table: "gallery_items",
                columns: new[] { "HotScore", "Id", "Hidden", "Mature" },
                filter: "\"InMostViral\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_gallery_items_CreatedAt_Id_Score_HotScore_Hidden_Mature_InM~",
                table: "gallery_items");

            migrationBuilder.DropIndex(
                name: "IX_gallery_items_HotScore_Id_Hidden_Mature_InMostViral",
                table: "gallery_items");

            migrationBuilder.DropIndex(
                name: "IX_gallery_items_Score_CreatedAt_Id_Hidden_Mature_InMostViral",
                table: "gallery_items");

            migrationBuilder.DropIndex(
                name: "IX_gallery_items_viral",
                table: "gallery_items");

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
        }
    }
}
