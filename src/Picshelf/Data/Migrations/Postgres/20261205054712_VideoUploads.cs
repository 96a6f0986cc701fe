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

            migrationBuilder.AddColumn<int>(
                name: "SourceSize",
                table: "images",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoredType",
                table: "images",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Animated PNGs and WebPs get their loop from now on; those already stored are queued as GIFs were.
            migrationBuilder.Sql("""
                UPDATE images SET "Processing" = 'pending' WHERE "Animated" AND "Type" IN ('image/png', 'image/webp') AND "Processing" IS NULL;
                INSERT INTO rendition_jobs ("ImageId", "Kind", "Attempts", "NotBefore", "LeaseUntil", "LeaseOwner", "CreatedAt")
                SELECT "Id", 'animation', 0, 0, 0, NULL, "CreatedAt" FROM images
                WHERE "Processing" = 'pending' AND "Id" NOT IN (SELECT "ImageId" FROM rendition_jobs);
                """);
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

            migrationBuilder.DropColumn(
                name: "SourceSize",
                table: "images");

            migrationBuilder.DropColumn(
                name: "StoredType",
                table: "images");
        }
    }
}
