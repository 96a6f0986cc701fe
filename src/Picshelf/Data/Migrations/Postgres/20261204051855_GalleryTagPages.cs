using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "PostHidden",
                table: "gallery_item_tags",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "PostHotScore",
                table: "gallery_item_tags",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<bool>(
                name: "PostMature",
                table: "gallery_item_tags",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PostScore",
                table: "gallery_item_tags",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // GalleryItemTag's copies of its post's ranking and flags: filled once, then kept by triggers whatever changes
            // the post (votes, recounts, moderation). The lock keeps a process still on the old version from changing
            // posts between the fill and the triggers.
            migrationBuilder.Sql(@"LOCK TABLE gallery_items, gallery_item_tags IN SHARE ROW EXCLUSIVE MODE;");
            migrationBuilder.Sql(@"UPDATE gallery_item_tags AS t SET ""PostHotScore"" = i.""HotScore"", ""PostScore"" = i.""Score"",
    ""PostCreatedAt"" = i.""CreatedAt"", ""PostHidden"" = i.""Hidden"", ""PostMature"" = i.""Mature""
FROM gallery_items AS i WHERE i.""Id"" = t.""ItemId"";");
            migrationBuilder.Sql(@"CREATE FUNCTION gallery_item_tags_copy_post() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE post record;
BEGIN
    SELECT ""HotScore"", ""Score"", ""CreatedAt"", ""Hidden"", ""Mature"" INTO post FROM gallery_items WHERE ""Id"" = NEW.""ItemId"";
    NEW.""PostHotScore"" := post.""HotScore"";
    NEW.""PostScore"" := post.""Score"";
    NEW.""PostCreatedAt"" := post.""CreatedAt"";
    NEW.""PostHidden"" := post.""Hidden"";
    NEW.""PostMature"" := post.""Mature"";
    RETURN NEW;
END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER gallery_item_tags_post_copied BEFORE INSERT ON gallery_item_tags
FOR EACH ROW EXECUTE FUNCTION gallery_item_tags_copy_post();");
            migrationBuilder.Sql(@"CREATE FUNCTION gallery_items_copy_to_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE gallery_item_tags SET ""PostHotScore"" = NEW.""HotScore"", ""PostScore"" = NEW.""Score"", ""PostCreatedAt"" = NEW.""CreatedAt"",
        ""PostHidden"" = NEW.""Hidden"", ""PostMature"" = NEW.""Mature""
    WHERE ""ItemId"" = NEW.""Id"";
    RETURN NULL;
END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER gallery_items_copied_to_tags AFTER UPDATE OF ""HotScore"", ""Score"", ""CreatedAt"", ""Hidden"", ""Mature"" ON gallery_items
FOR EACH ROW WHEN (OLD.""HotScore"" IS DISTINCT FROM NEW.""HotScore"" OR OLD.""Score"" IS DISTINCT FROM NEW.""Score""
    OR OLD.""CreatedAt"" IS DISTINCT FROM NEW.""CreatedAt"" OR OLD.""Hidden"" IS DISTINCT FROM NEW.""Hidden"" OR OLD.""Mature"" IS DISTINCT FROM NEW.""Mature"")
EXECUTE FUNCTION gallery_items_copy_to_tags();");

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
            migrationBuilder.Sql("DROP TRIGGER gallery_items_copied_to_tags ON gallery_items;");
            migrationBuilder.Sql("DROP FUNCTION gallery_items_copy_to_tags();");
            migrationBuilder.Sql("DROP TRIGGER gallery_item_tags_post_copied ON gallery_item_tags;");
            migrationBuilder.Sql("DROP FUNCTION gallery_item_tags_copy_post();");

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
