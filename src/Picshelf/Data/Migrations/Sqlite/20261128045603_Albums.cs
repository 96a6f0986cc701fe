using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Albums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "albums",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DeleteHash = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Privacy = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Layout = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CoverImageId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Views = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_albums", x => x.Id);
                    table.ForeignKey(
                        name: "FK_albums_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_albums_clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "album_favorites",
                columns: table => new
                {
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    AlbumId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_album_favorites", x => new { x.AccountId, x.AlbumId });
                    table.ForeignKey(
                        name: "FK_album_favorites_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_album_favorites_albums_AlbumId",
                        column: x => x.AlbumId,
                        principalTable: "albums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "album_images",
                columns: table => new
                {
                    AlbumId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ImageId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_album_images", x => new { x.AlbumId, x.ImageId });
                    table.ForeignKey(
                        name: "FK_album_images_albums_AlbumId",
                        column: x => x.AlbumId,
                        principalTable: "albums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_album_images_images_ImageId",
                        column: x => x.ImageId,
                        principalTable: "images",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_album_favorites_AlbumId",
                table: "album_favorites",
                column: "AlbumId");

            migrationBuilder.CreateIndex(
                name: "IX_album_images_ImageId",
                table: "album_images",
                column: "ImageId");

            migrationBuilder.CreateIndex(
                name: "IX_albums_AccountId_CreatedAt",
                table: "albums",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_albums_ClientId",
                table: "albums",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_albums_DeleteHash",
                table: "albums",
                column: "DeleteHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "album_favorites");

            migrationBuilder.DropTable(
                name: "album_images");

            migrationBuilder.DropTable(
                name: "albums");
        }
    }
}
