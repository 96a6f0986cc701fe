using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Processing",
                table: "images",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "rendition_jobs",
                columns: table => new
                {
                    ImageId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NotBefore = table.Column<long>(type: "bigint", nullable: false),
                    LeaseUntil = table.Column<long>(type: "bigint", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
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
                UPDATE images SET "Processing" = 'pending' WHERE "Animated" AND "Type" = 'image/gif';
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
