using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessTokensPerGrant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_tokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GrantId = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_access_tokens_access_grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "access_grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_tokens_GrantId",
                table: "access_tokens",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_access_tokens_TokenHash",
                table: "access_tokens",
                column: "TokenHash",
                unique: true);

            // Every grant's one access token becomes its first row, so nobody is signed out by the upgrade. When a refresh
            // issued it is not kept; the grant's creation is the earliest it can have been.
            migrationBuilder.Sql(@"INSERT INTO access_tokens (""GrantId"", ""TokenHash"", ""ExpiresAt"", ""CreatedAt"")
                SELECT ""Id"", ""AccessTokenHash"", ""AccessTokenExpiresAt"", ""CreatedAt"" FROM access_grants ORDER BY ""Id"";");

            migrationBuilder.DropIndex(
                name: "IX_access_grants_AccessTokenHash",
                table: "access_grants");

            migrationBuilder.DropColumn(
                name: "AccessTokenExpiresAt",
                table: "access_grants");

            migrationBuilder.DropColumn(
                name: "AccessTokenHash",
                table: "access_grants");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AccessTokenExpiresAt",
                table: "access_grants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "AccessTokenHash",
                table: "access_grants",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // A grant keeps only its newest access token; one without any gets a hash no token has, and is expired.
            migrationBuilder.Sql(@"UPDATE access_grants SET
                ""AccessTokenHash"" = COALESCE((SELECT t.""TokenHash"" FROM access_tokens t WHERE t.""GrantId"" = access_grants.""Id"" ORDER BY t.""Id"" DESC LIMIT 1),
                    'none:' || CAST(""Id"" AS TEXT)),
                ""AccessTokenExpiresAt"" = COALESCE((SELECT t.""ExpiresAt"" FROM access_tokens t WHERE t.""GrantId"" = access_grants.""Id"" ORDER BY t.""Id"" DESC LIMIT 1), 0);");

            migrationBuilder.CreateIndex(
                name: "IX_access_grants_AccessTokenHash",
                table: "access_grants",
                column: "AccessTokenHash",
                unique: true);

            migrationBuilder.DropTable(
                name: "access_tokens");
        }
    }
}
