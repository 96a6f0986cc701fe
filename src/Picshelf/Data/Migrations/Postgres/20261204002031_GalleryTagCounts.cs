using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_tags_PostCount",
                table: "tags",
                column: "PostCount");

            // Tag.PostCount follows gallery_item_tags, however its rows come and go (foreign-key cascades included). The lock
            // keeps a process still on the old version from adding or removing rows between the count and the trigger.
            migrationBuilder.Sql(@"LOCK TABLE gallery_item_tags IN SHARE ROW EXCLUSIVE MODE;");
            migrationBuilder.Sql(@"UPDATE tags SET ""PostCount"" = (SELECT COUNT(*) FROM gallery_item_tags t WHERE t.""TagName"" = tags.""Name"");");
            migrationBuilder.Sql(@"CREATE FUNCTION gallery_item_tags_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE tags SET ""PostCount"" = ""PostCount"" + 1 WHERE ""Name"" = NEW.""TagName"";
    ELSE
        UPDATE tags SET ""PostCount"" = ""PostCount"" - 1 WHERE ""Name"" = OLD.""TagName"";
    END IF;
    RETURN NULL;
END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER gallery_item_tags_counted AFTER INSERT OR DELETE ON gallery_item_tags
FOR EACH ROW EXECUTE FUNCTION gallery_item_tags_count();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER gallery_item_tags_counted ON gallery_item_tags;");
            migrationBuilder.Sql("DROP FUNCTION gallery_item_tags_count();");
            migrationBuilder.DropIndex(
                name: "IX_tags_PostCount",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "PostCount",
                table: "tags");
        }
    }
}
