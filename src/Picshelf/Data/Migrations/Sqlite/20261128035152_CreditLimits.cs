using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CreditLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BlockedUntil",
                table: "clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Commercial",
                table: "clients",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "CreditsPerDay",
                table: "clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UserCreditsPerHour",
                table: "clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "daily_limit_hits",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daily_limit_hits", x => new { x.ClientId, x.Day });
                    table.ForeignKey(
                        name: "FK_daily_limit_hits_clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_limit_hits");

            migrationBuilder.DropColumn(
                name: "BlockedUntil",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "Commercial",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "CreditsPerDay",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "UserCreditsPerHour",
                table: "clients");
        }
    }
}
