using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GalleryTagPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_gallery_item_tags_TagName",
                table: "gallery_item_tags");

            migrationBuilder.AddColumn<long>(
                name: "PostCreatedAt",
                table: "gallery_item_tags",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "PostHidden",
                table: "gallery_item_tags",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "PostHotScore",
                table: "gallery_item_tags",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<bool>(
                name: "PostMature",
                table: "gallery_item_tags",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PostScore",
                table: "gallery_item_tags",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // GalleryItemTag's copies of its post's ranking and flags: filled once, then kept by triggers whatever changes
            // the post (votes, recounts, moderation).
            migrationBuilder.Sql(@"UPDATE gallery_item_tags SET (""PostHotScore"", ""PostScore"", ""PostCreatedAt"", ""PostHidden"", ""PostMature"") =
    (SELECT ""HotScore"", ""Score"", ""CreatedAt"", ""Hidden"", ""Mature"" FROM gallery_items WHERE ""Id"" = gallery_item_tags.""ItemId"");");
            migrationBuilder.Sql(@"CREATE TRIGGER gallery_item_tags_post_copied AFTER INSERT ON gallery_item_tags BEGIN
    UPDATE gallery_item_tags SET (""PostHotScore"", ""PostScore"", ""PostCreatedAt"", ""PostHidden"", ""PostMature"") =
        (SELECT ""HotScore"", ""Score"", ""CreatedAt"", ""Hidden"", ""Mature"" FROM gallery_items WHERE ""Id"" = NEW.""ItemId"")
    WHERE ""ItemId"" = NEW.""ItemId"" AND ""TagName"" = NEW.""TagName"";
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER gallery_items_copied_to_tags AFTER UPDATE OF ""HotScore"", ""Score"", ""CreatedAt"", ""Hidden"", ""Mature"" ON gallery_items
WHEN OLD.""HotScore"" IS NOT NEW.""HotScore"" OR OLD.""Score"" IS NOT NEW.""Score"" OR OLD.""CreatedAt"" IS NOT NEW.""CreatedAt""
    OR OLD.""Hidden"" IS NOT NEW.""Hidden"" OR OLD.""Mature"" IS NOT NEW.""Mature""
BEGIN
    UPDATE gallery_item_tags SET ""PostHotScore"" = NEW.""HotScore"", ""PostScore"" = NEW.""Score"", ""PostCreatedAt"" = NEW.""CreatedAt"",
        ""PostHidden"" = NEW.""Hidden"", ""PostMature"" = NEW.""Mature""
    WHERE ""ItemId"" = NEW.""Id"";
END;");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_item_tags_by_points",
                table: "gallery_item_tags",
                columns: new[] { "TagName", "PostScore", "PostCreatedAt", "ItemId", "PostHidden", "PostMature" });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_item_tags_by_rank",
                table: "gallery_item_tags",
                columns: new[] { "TagName", "PostHotScore", "ItemId", "PostCreatedAt", "PostHidden", "PostMature" });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_item_tags_by_time",
                table: "gallery_item_tags",
                columns: new[] { "TagName", "PostCreatedAt", "ItemId", "PostHidden", "PostMature" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER gallery_items_copied_to_tags;");
            migrationBuilder.Sql("DROP TRIGGER gallery_item_tags_post_copied;");

            migrationBuilder.DropIndex(
                name: "IX_gallery_item_tags_by_points",
                table: "gallery_item_tags");

            migrationBuilder.DropIndex(
                name: "IX_gallery_item_tags_by_rank",
                table: "gallery_item_tags");

            migrationBuilder.DropIndex(
                name: "IX_gallery_item_tags_by_time",
                table: "gallery_item_tags");

            migrationBuilder.DropColumn(
                name: "PostCreatedAt",
                table: "gallery_item_tags");

            migrationBuilder.DropColumn(
                name: "PostHidden",
                table: "gallery_item_tags");

            migrationBuilder.DropColumn(
                name: "PostHotScore",
                table: "gallery_item_tags");

            migrationBuilder.DropColumn(
                name: "PostMature",
                table: "gallery_item_tags");

            migrationBuilder.DropColumn(
                name: "PostScore",
                table: "gallery_item_tags");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_item_tags_TagName",
                table: "gallery_item_tags",
                column: "TagName");
        }
    }
}
