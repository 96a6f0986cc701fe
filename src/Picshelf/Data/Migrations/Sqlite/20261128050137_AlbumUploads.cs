using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlbumUploads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AddedByUpload",
                table: "album_images",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AddedByUpload",
                table: "album_images");
        }
    }
}
