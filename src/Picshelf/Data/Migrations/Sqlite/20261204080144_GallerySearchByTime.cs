using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Picshelf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GallerySearchByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each post's index row is numbered by its second of sharing shifted left 24 bits plus its place in that second
            // (by id here; later posts take the next free number), so FTS5's own order is newest first (Gallery/GallerySearch.cs).
            migrationBuilder.Sql(@"CREATE TABLE gallery_search_keys (""SearchKey"" INTEGER PRIMARY KEY, ""Id"" TEXT NOT NULL UNIQUE);");
            migrationBuilder.Sql(@"INSERT INTO gallery_search_keys (""SearchKey"", ""Id"")
                SELECT (""CreatedAt"" << 24) + ROW_NUMBER() OVER (PARTITION BY ""CreatedAt"" ORDER BY ""Id""), ""Id"" FROM gallery_items;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE gallery_search_by_time USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');");
            migrationBuilder.Sql(@"INSERT INTO gallery_search_by_time (rowid, title, body)
                SELECT k.""SearchKey"", s.title, s.body FROM gallery_search s JOIN gallery_search_keys k ON k.""Id"" = s.id;");
            migrationBuilder.Sql("DROP TABLE gallery_search;");
            migrationBuilder.Sql("ALTER TABLE gallery_search_by_time RENAME TO gallery_search;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to rows numbered by the id read as a base-62 number (seven characters fit in 42 bits).
            migrationBuilder.Sql("CREATE VIRTUAL TABLE gallery_search_by_id USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');");
            var digits = string.Join(" + ", Enumerable.Range(1, 7).Select(place =>
                $"(instr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', substr(k.\"Id\", {place}, 1)) - 1) * {(long)Math.Pow(62, 7 - place)}"));
            migrationBuilder.Sql($@"INSERT INTO gallery_search_by_id (rowid, id, title, body)
                SELECT {digits}, k.""Id"", s.title, s.body FROM gallery_search s JOIN gallery_search_keys k ON k.""SearchKey"" = s.rowid;");
            migrationBuilder.Sql("DROP TABLE gallery_search;");
            migrationBuilder.Sql("DROP TABLE gallery_search_keys;");
            migrationBuilder.Sql("ALTER TABLE gallery_search_by_id RENAME TO gallery_search;");
        }
    }
}
