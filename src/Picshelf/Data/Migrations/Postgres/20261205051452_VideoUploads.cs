using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VideoUploads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "rendition_jobs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                // Every job queued before videos were taken is an animation's.
                defaultValue: "animation");

            migrationBuilder.AddColumn<bool>(
                name: "HasSound",
                table: "images",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "rendition_jobs");

            migrationBuilder.DropColumn(
                name: "HasSound",
                table: "images");
        }
    }
}
