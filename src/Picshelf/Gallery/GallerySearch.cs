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
/// <para>
/// On SQLite a post's index row is numbered by its time of sharing (<c>gallery_search_keys</c>, made by the
/// GallerySearchByTime migration): the number is the second shifted left by 24 bits plus the post's place among those
/// shared in that second. FTS5 hands its matches over in that order, newest first, so a search sorted by time reads
/// only the matches its page needs instead of every match (41,000 for a common word at a million posts). A tree of words
/// alone, AND, OR and NOT between them included, goes to FTS5 as one expression.
/// </para>
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

    /// <summary>
    /// On SQLite, when the tree needs words (every post it matches has them), the posts that match shared at or after
    /// <paramref name="since"/>, as hits whose <see cref="SearchHit.Key"/> orders them by time: newest first is the
    /// index's own order. Null on PostgreSQL, or when a match need not contain any word (<c>tag:x</c>, <c>NOT cat</c>).
    /// </summary>
    public IQueryable<SearchHit>? NewestFirst(SearchNode tree, long? since)
    {
        if (IsPostgres)
        {
            return null;
        }
        var conjuncts = Conjuncts(tree).ToList();
        var words = conjuncts.Where(c => FtsExpression(c) is not null).ToList();
        if (words.Count == 0)
        {
            return null;
        }
        var excluded = conjuncts.OfType<SearchNode.Without>().Where(c => FtsExpression(c.Operand) is not null).ToList();
        var expression = string.Join(" AND ", words.Select(w => FtsExpression(w)));
        expression = excluded.Aggregate($"({expression})", (kept, without) => $"({kept} NOT {FtsExpression(without.Operand)})");
        var parameters = new List<object>();
        // Built from fixed fragments only; every value in it is a {n} parameter.
        var sql = $"SELECT s.rowid AS \"Key\", i.\"Id\", i.\"Hidden\", i.\"Mature\" FROM gallery_search s "
            + "JOIN gallery_search_keys k ON k.\"SearchKey\" = s.rowid JOIN gallery_items i ON i.\"Id\" = k.\"Id\" "
            + $"WHERE gallery_search MATCH {Parameter(expression, parameters)} AND s.rowid >= {Parameter(FirstKeyOf(since ?? 0), parameters)}"
            + string.Concat(conjuncts.Except(words).Except(excluded).Select(rest => " AND " + Compile(rest, parameters)));
        return db.Database.SqlQueryRaw<SearchHit>(sql, [.. parameters]);
    }

    private static IEnumerable<SearchNode> Conjuncts(SearchNode node) =>
        node is SearchNode.Both both ? Conjuncts(both.Left).Concat(Conjuncts(both.Right)) : [node];

    /// <summary>The first index row number of the second <paramref name="createdAt"/> on SQLite (see the class's remarks).</summary>
    private static long FirstKeyOf(long createdAt) => createdAt << 24;

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
                item.CreatedAt,
            }).SingleOrDefaultAsync(cancellationToken);
        // Tags keep their underscores as separators, so funny_cats is found by funny and by cats.
        var body = post is null ? null : string.Join(' ', new[] { post.Description, post.Submitter, post.Section }
            .Concat(post.Tags.Select(t => t.Replace('_', ' '))).Where(s => s is not null));
        if (!IsPostgres)
        {
            await IndexInSqliteAsync(itemId, post is null ? null : (post.Title, body!, post.CreatedAt), cancellationToken);
        }
        else if (post is null)
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM gallery_search WHERE id = {itemId}", cancellationToken);
        }
        else
        {
            // One statement that writes the row whether or not it is there, so two writers never leave two rows or fail on one.
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO gallery_search (id, title, body) VALUES ({itemId}, {post.Title}, {body}) ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body",
                cancellationToken);
        }
    }

    /// <summary>
    /// Writes or removes the post's FTS5 row under its time-ordered number (see the class's remarks). The post keeps its
    /// number while its time of sharing stands; a new time gives it the next free number of the new second. Callers write
    /// in a transaction, and SQLite has one writer at a time, so the next free number is no one else's.
    /// </summary>
    private async Task IndexInSqliteAsync(string itemId, (string Title, string Body, long CreatedAt)? post, CancellationToken cancellationToken)
    {
        var held = await db.Database.SqlQuery<long>($"SELECT \"SearchKey\" AS \"Value\" FROM gallery_search_keys WHERE \"Id\" = {itemId}")
            .ToListAsync(cancellationToken);
        long? key = held.Count == 1 ? held[0] : null;
        if (key is { } old && (post is not { } kept || old >> 24 != kept.CreatedAt))
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM gallery_search WHERE rowid = {old}", cancellationToken);
            await db.Database.ExecuteSqlAsync($"DELETE FROM gallery_search_keys WHERE \"SearchKey\" = {old}", cancellationToken);
            key = null;
        }
        if (post is not { } written)
        {
            return;
        }
        if (key is null)
        {
            var first = FirstKeyOf(written.CreatedAt);
            var next = FirstKeyOf(written.CreatedAt + 1);
            key = await db.Database.SqlQuery<long>(
                    $"SELECT COALESCE(MAX(\"SearchKey\"), {first}) + 1 AS \"Value\" FROM gallery_search_keys WHERE \"SearchKey\" > {first} AND \"SearchKey\" < {next}")
                .SingleAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"INSERT INTO gallery_search_keys (\"SearchKey\", \"Id\") VALUES ({key}, {itemId})", cancellationToken);
        }
        await db.Database.ExecuteSqlAsync(
            $"INSERT OR REPLACE INTO gallery_search (rowid, title, body) VALUES ({key}, {written.Title}, {written.Body})", cancellationToken);
    }

    private string Compile(SearchNode node, List<object> parameters) => node switch
    {
        _ when !IsPostgres && FtsExpression(node) is { } expression => InSqliteIndex(expression, parameters),
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
        if (!IsPostgres)
        {
            return InSqliteIndex(FtsExpression(new SearchNode.Text(string.Join(' ', words), titleOnly ? "title" : null))!, parameters);
        }
        // Title words carry weight A in the document; 'simple' only folds case, as the index was built.
        var query = string.Join(" <-> ", words.Select(w => titleOnly ? w + ":A" : w));
        // EXISTS on the primary key, not IN: under NOT, PostgreSQL runs IN as a scan of every match for each post.
        return $"EXISTS (SELECT 1 FROM gallery_search s WHERE s.id = i.\"Id\" AND s.document @@ to_tsquery('simple', {Parameter(query, parameters)}))";
    }

    private static string InSqliteIndex(string expression, List<object> parameters) =>
        $"i.\"Id\" IN (SELECT k.\"Id\" FROM gallery_search s JOIN gallery_search_keys k ON k.\"SearchKey\" = s.rowid WHERE gallery_search MATCH {Parameter(expression, parameters)})";

    /// <summary>
    /// The tree as one FTS5 expression, when it is words alone: phrases (in the title, or anywhere), AND, OR, and NOT
    /// beside something that must match (FTS5's NOT takes two sides). Null when a part is not words, such as a filter, an
    /// <c>album:</c> phrase or a NOT on its own.
    /// </summary>
    private static string? FtsExpression(SearchNode node) => node switch
    {
        SearchNode.Text { Field: null or "title" } text =>
            (text.Field == "title" ? "title : " : "") + "\"" + text.Phrase.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        SearchNode.Both { Right: SearchNode.Without right } both when FtsExpression(both.Left) is { } kept && FtsExpression(right.Operand) is { } dropped =>
            $"({kept} NOT {dropped})",
        SearchNode.Both { Left: SearchNode.Without left } both when FtsExpression(both.Right) is { } kept && FtsExpression(left.Operand) is { } dropped =>
            $"({kept} NOT {dropped})",
        SearchNode.Both both when FtsExpression(both.Left) is { } left && FtsExpression(both.Right) is { } right => $"({left} AND {right})",
        SearchNode.Either either when FtsExpression(either.Left) is { } left && FtsExpression(either.Right) is { } right => $"({left} OR {right})",
        _ => null,
    };

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
