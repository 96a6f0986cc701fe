using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnimationRenditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Mp4Size",
                table: "images",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Processing",
                table: "images",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "rendition_jobs",
                columns: table => new
                {
                    ImageId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NotBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rendition_jobs", x => x.ImageId);
                    table.ForeignKey(
                        name: "FK_rendition_jobs_images_ImageId",
                        column: x => x.ImageId,
                        principalTable: "images",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rendition_jobs_CreatedAt",
                table: "rendition_jobs",
                column: "CreatedAt");

            // Animated GIFs uploaded before this migration get their MP4 too, oldest first.
            migrationBuilder.Sql("""
                UPDATE images SET "Processing" = 'pending' WHERE "Animated" = 1 AND "Type" = 'image/gif';
                INSERT INTO rendition_jobs ("ImageId", "Attempts", "NotBefore", "LeaseUntil", "LeaseOwner", "CreatedAt")
                SELECT "Id", 0, 0, 0, NULL, "CreatedAt" FROM images WHERE "Processing" = 'pending';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rendition_jobs");

            migrationBuilder.DropColumn(
                name: "Mp4Size",
                table: "images");

            migrationBuilder.DropColumn(
                name: "Processing",
                table: "images");
        }
    }
}
