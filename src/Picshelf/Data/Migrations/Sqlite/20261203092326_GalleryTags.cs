using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GalleryTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gallery_item_tags",
                columns: table => new
                {
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TagName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Ups = table.Column<int>(type: "INTEGER", nullable: false),
                    Downs = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gallery_item_tags", x => new { x.ItemId, x.TagName });
                    table.ForeignKey(
                        name: "FK_gallery_item_tags_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_gallery_item_tags_gallery_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "gallery_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_gallery_item_tags_tags_TagName",
                        column: x => x.TagName,
                        principalTable: "tags",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "gallery_tag_votes",
                columns: table => new
                {
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TagName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Up = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gallery_tag_votes", x => new { x.ItemId, x.TagName, x.AccountId });
                    table.ForeignKey(
                        name: "FK_gallery_tag_votes_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_gallery_tag_votes_gallery_item_tags_ItemId_TagName",
                        columns: x => new { x.ItemId, x.TagName },
                        principalTable: "gallery_item_tags",
                        principalColumns: new[] { "ItemId", "TagName" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gallery_item_tags_AccountId",
                table: "gallery_item_tags",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_item_tags_TagName",
                table: "gallery_item_tags",
                column: "TagName");

            migrationBuilder.CreateIndex(
                name: "IX_gallery_tag_votes_AccountId",
                table: "gallery_tag_votes",
                column: "AccountId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gallery_tag_votes");

            migrationBuilder.DropTable(
                name: "gallery_item_tags");
        }
    }
}
