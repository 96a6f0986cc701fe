using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GallerySections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Section",
                table: "gallery_items",
                type: "TEXT",
                maxLength: 21,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_gallery_items_Section_CreatedAt",
                table: "gallery_items",
                columns: new[] { "Section", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_gallery_items_Section_CreatedAt",
                table: "gallery_items");

            migrationBuilder.DropColumn(
                name: "Section",
                table: "gallery_items");
        }
    }
}
