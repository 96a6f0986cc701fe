using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// Gallery search on each database's own full-text index: SQLite's FTS5 table <c>gallery_search</c>, PostgreSQL's
/// <c>gallery_search</c> with a weighted <c>tsvector</c> under a GIN index (both made by the GallerySearch migrations).
/// A post's row holds its title, and in its body the description, tags, submitter's name and subreddit; it is written
/// whenever one of those changes. A <see cref="SearchNode"/> tree compiles to one WHERE clause over <c>gallery_items</c>:
/// text leaves ask the index, filter leaves the tables. Every value is a parameter, and text reaches the index only as
/// runs of letters and digits, quoted, so no search text is read as the engine's syntax.
/// </summary>
public sealed class GallerySearch(PicshelfDb db)
{
    private bool IsPostgres => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>The posts that match, as a query the lists go on to filter, order and page.</summary>
    public IQueryable<GalleryItem> Matching(SearchNode tree)
    {
        var parameters = new List<object>();
        // Built from fixed fragments only; every value in it is a {n} parameter.
        var sql = "SELECT * FROM gallery_items i WHERE " + Compile(tree, parameters);
        return db.GalleryItems.FromSqlRaw(sql, [.. parameters]);
    }

    /// <summary>Writes the post's searchable text again; a post no longer in the gallery leaves the index.</summary>
    public async Task IndexAsync(string itemId, CancellationToken cancellationToken)
    {
        var post = await (
            from item in db.GalleryItems.AsNoTracking()
            where item.Id == itemId
            select new
            {
                item.Title,
                item.Section,
                Description = item.IsAlbum
                    ? db.Albums.Where(a => a.Id == item.Id).Select(a => a.Description).FirstOrDefault()
                    : db.Images.Where(m => m.Id == item.Id).Select(m => m.Description).FirstOrDefault(),
                Submitter = db.Accounts.Where(a => a.Id == item.AccountId).Select(a => a.Username).FirstOrDefault(),
                Tags = db.GalleryItemTags.Where(t => t.ItemId == item.Id).Select(t => t.TagName).ToList(),
            }).SingleOrDefaultAsync(cancellationToken);
        // FTS5 finds a row fast only by its rowid: the id's base-62 value is that rowid (seven characters fit in 42 bits).
        var rowId = IdGenerator.NumberOf(itemId);
        if (post is null)
        {
            await (IsPostgres
                ? db.Database.ExecuteSqlAsync($"DELETE FROM gallery_search WHERE id = {itemId}", cancellationToken)
                : db.Database.ExecuteSqlAsync($"DELETE FROM gallery_search WHERE rowid = {rowId}", cancellationToken));
            return;
        }
        // Tags keep their underscores as separators, so funny_cats is found by funny and by cats.
        var body = string.Join(' ', new[] { post.Description, post.Submitter, post.Section }.Concat(post.Tags.Select(t => t.Replace('_', ' ')))
            .Where(s => s is not null));
        // One statement that writes the row whether or not it is there, so two writers never leave two rows or fail on one.
        await (IsPostgres
            ? db.Database.ExecuteSqlAsync(
                $"INSERT INTO gallery_search (id, title, body) VALUES ({itemId}, {post.Title}, {body}) ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body",
                cancellationToken)
            : db.Database.ExecuteSqlAsync(
                $"INSERT OR REPLACE INTO gallery_search (rowid, id, title, body) VALUES ({rowId}, {itemId}, {post.Title}, {body})", cancellationToken));
    }

    private string Compile(SearchNode node, List<object> parameters) => node switch
    {
        SearchNode.Both and => $"({Compile(and.Left, parameters)} AND {Compile(and.Right, parameters)})",
        SearchNode.Either or => $"({Compile(or.Left, parameters)} OR {Compile(or.Right, parameters)})",
        SearchNode.Without not => $"(NOT {Compile(not.Operand, parameters)})",
        SearchNode.Text { Field: "album" } text => $"(i.\"IsAlbum\" AND {TextMatch(text.Phrase.Split(' '), titleOnly: false, parameters)})",
        SearchNode.Text text => TextMatch(text.Phrase.Split(' '), titleOnly: text.Field == "title", parameters),
        SearchNode.Filter filter => FilterMatch(filter, parameters),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "not a search node"),
    };

    private string TextMatch(IReadOnlyList<string> words, bool titleOnly, List<object> parameters)
    {
        if (IsPostgres)
        {
            // Title words carry weight A in the document; 'simple' only folds case, as the index was built.
            var query = string.Join(" <-> ", words.Select(w => titleOnly ? w + ":A" : w));
            // EXISTS on the primary key, not IN: under NOT, PostgreSQL runs IN as a scan of every match for each post.
            return $"EXISTS (SELECT 1 FROM gallery_search s WHERE s.id = i.\"Id\" AND s.document @@ to_tsquery('simple', {Parameter(query, parameters)}))";
        }
        var phrase = "\"" + string.Join(' ', words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return $"i.\"Id\" IN (SELECT id FROM gallery_search WHERE gallery_search MATCH {Parameter(titleOnly ? "title : " + phrase : phrase, parameters)})";
    }

    private static string FilterMatch(SearchNode.Filter filter, List<object> parameters) => filter.Field switch
    {
        "tag" => $"EXISTS (SELECT 1 FROM gallery_item_tags t WHERE t.\"ItemId\" = i.\"Id\" AND t.\"TagName\" = {Parameter(filter.Value, parameters)})",
        "user" => $"i.\"AccountId\" IN (SELECT a.\"Id\" FROM accounts a WHERE a.\"NormalizedUsername\" = {Parameter(filter.Value.ToUpperInvariant(), parameters)})",
        "subreddit" => $"i.\"Section\" = {Parameter(filter.Value, parameters)}",
        "ext" => MimeTypeOf(filter.Value) is { } mime ? ImageWhere($"m.\"Type\" = {Parameter(mime, parameters)}") : "(1 = 0)",
        "type" => filter.Value switch
        {
            "album" => "i.\"IsAlbum\"",
            "anigif" => ImageWhere($"m.\"Type\" = {Parameter("image/gif", parameters)} AND m.\"Animated\""),
            var extension => ImageWhere($"m.\"Type\" = {Parameter(MimeTypeOf(extension)!, parameters)}"),
        },
        "size" => ImageWhere(SizeRange(filter.Value, parameters)),
        // Picshelf has no memes: meme: finds nothing.
        _ => "(1 = 0)",
    };

    private static string ImageWhere(string condition) =>
        $"EXISTS (SELECT 1 FROM images m WHERE m.\"Id\" = i.\"Id\" AND NOT i.\"IsAlbum\" AND {condition})";

    /// <summary>Imgur's sizes by the image's area: small up to 500×500, med to 2,000×2,000, big to 5,000×5,000, lrg to 10,000×10,000, huge above.</summary>
    private static string SizeRange(string size, List<object> parameters)
    {
        var (from, to) = size switch
        {
            "small" => (0L, 500L * 500),
            "med" => (500L * 500, 2000L * 2000),
            "big" => (2000L * 2000, 5000L * 5000),
            "lrg" => (5000L * 5000, 10000L * 10000),
            _ => (10000L * 10000, long.MaxValue),
        };
        return $"CAST(m.\"Width\" AS BIGINT) * m.\"Height\" > {Parameter(from, parameters)} AND CAST(m.\"Width\" AS BIGINT) * m.\"Height\" <= {Parameter(to, parameters)}";
    }

    private static string? MimeTypeOf(string extension) => extension switch
    {
        "jpg" or "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "tif" or "tiff" => "image/tiff",
        "avif" => "image/avif",
        _ => null,
    };

    private static string Parameter(object value, List<object> parameters)
    {
        parameters.Add(value);
        return "{" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
    }
}
