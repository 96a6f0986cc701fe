using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GallerySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Gallery search's full-text index (Gallery/GallerySearch.cs): not part of the EF model, written by the gallery itself.
            // Title words weigh A, so title: searches ask for weight A only.
            migrationBuilder.Sql(@"CREATE TABLE gallery_search (
    id character varying(16) PRIMARY KEY,
    title text NOT NULL,
    body text NOT NULL,
    document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED);");
            migrationBuilder.Sql("CREATE INDEX ix_gallery_search_document ON gallery_search USING GIN (document);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE gallery_search;");
        }
    }
}
