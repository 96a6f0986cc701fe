using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FreedUsernames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "freed_usernames",
                columns: table => new
                {
                    NormalizedUsername = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldUntil = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_freed_usernames", x => x.NormalizedUsername);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "freed_usernames");
        }
    }
}
