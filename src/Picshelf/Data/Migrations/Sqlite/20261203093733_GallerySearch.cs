using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GallerySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Gallery search's FTS5 index (Gallery/GallerySearch.cs): not part of the EF model, written by the gallery itself.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE gallery_search USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE gallery_search;");
        }
    }
}
