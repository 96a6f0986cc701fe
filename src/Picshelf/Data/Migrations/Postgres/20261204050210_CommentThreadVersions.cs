using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommentThreadVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "comment_thread_versions",
                columns: table => new
                {
                    PostId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comment_thread_versions", x => x.PostId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comment_thread_versions");
        }
    }
}
