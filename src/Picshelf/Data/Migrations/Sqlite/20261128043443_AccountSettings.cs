using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AcceptedGalleryTerms",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AlbumPrivacy",
                table: "accounts",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "hidden");

            migrationBuilder.AddColumn<string>(
                name: "Bio",
                table: "accounts",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EmailVerifiedAt",
                table: "accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MessagingEnabled",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "NewsletterSubscribed",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PublicImages",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ShowMature",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AcceptedGalleryTerms",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "AlbumPrivacy",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "Bio",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "EmailVerifiedAt",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "MessagingEnabled",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "NewsletterSubscribed",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "PublicImages",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "ShowMature",
                table: "accounts");
        }
    }
}
