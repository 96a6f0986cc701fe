using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GalleryTagCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PostCount",
                table: "tags",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_tags_PostCount",
                table: "tags",
                column: "PostCount");

            // Tag.PostCount follows gallery_item_tags, however its rows come and go (foreign-key cascades included).
            migrationBuilder.Sql(@"UPDATE tags SET ""PostCount"" = (SELECT COUNT(*) FROM gallery_item_tags t WHERE t.""TagName"" = tags.""Name"");");
            migrationBuilder.Sql(@"CREATE TRIGGER gallery_item_tags_counted AFTER INSERT ON gallery_item_tags
BEGIN UPDATE tags SET ""PostCount"" = ""PostCount"" + 1 WHERE ""Name"" = NEW.""TagName""; END;");
            migrationBuilder.Sql(@"CREATE TRIGGER gallery_item_tags_uncounted AFTER DELETE ON gallery_item_tags
BEGIN UPDATE tags SET ""PostCount"" = ""PostCount"" - 1 WHERE ""Name"" = OLD.""TagName""; END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER gallery_item_tags_counted;");
            migrationBuilder.Sql("DROP TRIGGER gallery_item_tags_uncounted;");
            migrationBuilder.DropIndex(
                name: "IX_tags_PostCount",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "PostCount",
                table: "tags");
        }
    }
}
