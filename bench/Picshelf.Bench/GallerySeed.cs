using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Picshelf.Bench;

/// <summary>
/// bench/gallery.sh's seeder: writes a gallery of POSTS posts straight into a migrated Picshelf database (SQLite file or
/// PostgreSQL), the same rows on both (a fixed random seed): 1,000 accounts, an image per image post, ~5 % album posts of
/// three images each, 2,000 tags used Zipf-wise (1-5 per post), vote rows (up to 5 accounts per post), gallery_items with
/// tallies, net score and <c>GalleryRanking.Hot</c> (same formula), and the search index rows exactly as
/// <c>GallerySearch.IndexAsync</c> writes them. Secondary indexes of the loaded tables are dropped first and re-created
/// from their own definitions after the load (much faster than growing them row by row).
/// Writes DIR/post-ids.txt (every 5th post id, for the vote load) and DIR/seed.env (the names the searches use).
/// </summary>
internal static class GallerySeed
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const long Epoch = 1_767_225_600;
    private const int Accounts = 1000;
    private const int TagCount = 2000;
    private const int VocabularySize = 5000;
    private const int ViralPoints = 10;

    // The most used words and tags first (Zipf rank 1, 2, ...), then made-up ones.
    private static readonly string[] CommonWords =
    [
        "the", "my", "a", "cat", "dog", "funny", "when", "this", "is", "of", "and", "in", "to", "me", "you", "day", "look", "new",
        "first", "finally", "best", "just", "made", "found", "little", "old", "puppy", "friend", "sunset", "pizza", "game",
        "art", "happy", "world", "night", "car", "home", "work", "time", "life", "beach", "winter", "summer", "coffee",
        "garden", "kitten", "meme", "space", "bird", "tree", "city", "mountain", "river", "painting", "cake", "guitar",
    ];

    private static readonly string[] CommonTags =
    [
        "funny", "cats", "aww", "gaming", "memes", "dogs", "art", "nature", "food", "wholesome", "movies", "science",
        "photography", "music", "sports", "history", "cars", "space", "travel", "diy", "comics", "anime", "technology",
        "pics", "books", "fitness", "fashion", "design", "architecture", "politics",
    ];

    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "po", "ve", "da", "fi", "gu", "ho", "ja", "ze", "bo", "ly", "wen", "tor", "mar"];

    private sealed class Post
    {
        public required string Id;
        public bool IsAlbum;
        public int AccountId;
        public long CreatedAt;
        public int Ups;
        public int Downs;
        public bool Mature;
        public string? Section;
        public required string Title;
        public string? Description;
        public required int[] Tags;
        public string[] AlbumImages = [];
    }

    public static int Run(string provider, string connectionString, string clientId, int postCount, string outDir)
    {
        var total = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var rng = new Random(20261203);
        var vocabulary = Enumerable.Range(0, VocabularySize).Select(i => i < CommonWords.Length ? CommonWords[i] : MadeUpWord(i)).ToArray();
        var tags = Enumerable.Range(0, TagCount).Select(i => i < CommonTags.Length ? CommonTags[i] : "tag" + (i + 1).ToString("D4", CultureInfo.InvariantCulture))
            .ToArray();
        var wordCdf = ZipfCdf(VocabularySize, 1.0);
        var tagCdf = ZipfCdf(TagCount, 1.0);
        var subreddits = Enumerable.Range(0, 50).Select(i => "sub" + i.ToString("D2", CultureInfo.InvariantCulture)).ToArray();
        var usedIds = new HashSet<long>();

        string NewId()
        {
            while (true)
            {
                var n = rng.NextInt64(62L * 62 * 62 * 62 * 62 * 62 * 62);
                if (usedIds.Add(n))
                {
                    return IdOf(n);
                }
            }
        }

        string Words(int min, int max)
        {
            var count = rng.Next(min, max + 1);
            var words = new string[count];
            for (var i = 0; i < count; i++)
            {
                words[i] = vocabulary[Sample(wordCdf, rng)];
            }
            return string.Join(' ', words);
        }

        var posts = new Post[postCount];
        for (var p = 0; p < postCount; p++)
        {
            // Shared over the last year, more of them lately (a growing site): age = year * u^1.5, so about 2 % of the
            // posts are from the last day and 7 % from the last week.
            var age = (long)(365 * 86400 * Math.Pow(rng.NextDouble(), 1.5));
            // Net votes heavy-tailed (Pareto, alpha 1.2): about 6 % reach the viral list's 10 points.
            var ups = (int)Math.Min(Math.Pow(1 - rng.NextDouble(), -1 / 1.2), 50_000) - 1;
            var downs = (int)(ups * rng.NextDouble() * 0.3) + (rng.NextDouble() < 0.3 ? rng.Next(0, 4) : 0);
            var tagCount = rng.Next(1, 6);
            var tagSet = new HashSet<int>();
            while (tagSet.Count < tagCount)
            {
                tagSet.Add(Sample(tagCdf, rng));
            }
            var post = new Post
            {
                Id = NewId(),
                IsAlbum = rng.NextDouble() < 0.05,
                AccountId = rng.Next(1, Accounts + 1),
                CreatedAt = now - age,
                Ups = ups,
                Downs = downs,
                Mature = rng.NextDouble() < 0.02,
                Section = rng.NextDouble() < 0.1 ? subreddits[rng.Next(subreddits.Length)] : null,
                Title = Words(3, 8),
                Description = rng.NextDouble() < 0.5 ? Words(5, 15) : null,
                Tags = [.. tagSet],
            };
            if (post.IsAlbum)
            {
                post.AlbumImages = [NewId(), NewId(), NewId()];
            }
            posts[p] = post;
        }
        Console.Error.WriteLine($"generated {postCount} posts in {total.Elapsed.TotalSeconds:F1} s");

        using IBulkTarget target = provider switch
        {
            "sqlite" => new SqliteTarget(connectionString),
            "postgres" => new PostgresTarget(connectionString),
            _ => throw new ArgumentException("provider must be sqlite or postgres"),
        };
        string[] tables = ["accounts", "images", "albums", "album_images", "tags", "gallery_items", "gallery_item_tags", "gallery_votes", "gallery_search"];
        var indexes = target.DropIndexes(tables);
        Console.Error.WriteLine($"dropped {indexes.Count} secondary indexes (re-created after the load)");

        string Username(int account) => "user" + account.ToString(CultureInfo.InvariantCulture);

        Load(target, "accounts",
            ["Id", "Username", "NormalizedUsername", "Email", "PasswordHash", "CreatedAt", "AcceptedGalleryTerms", "AlbumPrivacy", "MessagingEnabled",
                "NewsletterSubscribed", "PublicImages", "ShowMature"],
            Enumerable.Range(1, Accounts).Select(a => new object?[]
            {
                a, Username(a), Username(a).ToUpperInvariant(), Username(a) + "@bench.invalid", "not-a-password-hash", now - 400L * 86400, true, "hidden",
                true, false, false, false,
            }));
        Load(target, "images",
            ["Id", "DeleteHash", "AccountId", "ClientId", "Title", "Description", "Name", "Type", "Animated", "Width", "Height", "Size", "Views", "Bandwidth",
                "CreatedAt"],
            ImageRows(posts, clientId, rng));
        Load(target, "albums",
            ["Id", "DeleteHash", "AccountId", "ClientId", "Title", "Description", "Privacy", "Layout", "CoverImageId", "Views", "CreatedAt"],
            posts.Where(p => p.IsAlbum).Select(p => new object?[]
            {
                p.Id, DeleteHash(rng), p.AccountId, clientId, p.Title, p.Description, "public", "blog", p.AlbumImages[0], (long)p.Ups * 20, p.CreatedAt,
            }));
        Load(target, "album_images", ["AlbumId", "ImageId", "AddedByUpload", "Position"],
            posts.Where(p => p.IsAlbum).SelectMany(p => p.AlbumImages.Select((image, i) => new object?[] { p.Id, image, true, i })));
        Load(target, "tags", ["Name", "DisplayName", "CreatedAt"],
            tags.Select(t => new object?[] { t, t, now - 400L * 86400 }));
        Load(target, "gallery_items",
            ["Id", "IsAlbum", "AccountId", "Title", "Section", "Ups", "Downs", "Score", "HotScore", "Mature", "Hidden", "InMostViral", "CreatedAt"],
            posts.Select(p => new object?[]
            {
                p.Id, p.IsAlbum, p.AccountId, p.Title, p.Section, p.Ups, p.Downs, p.Ups - p.Downs, Hot(p.Ups, p.Downs, p.CreatedAt), p.Mature, false,
                p.Ups - p.Downs >= ViralPoints, p.CreatedAt,
            }));
        // A tag row carries a copy of its post's ranking and flags (the server's triggers keep it; PostgreSQL's load runs
        // without triggers, so the seed writes it on either provider).
        Load(target, "gallery_item_tags",
            ["ItemId", "TagName", "AccountId", "Ups", "Downs", "CreatedAt", "PostCreatedAt", "PostHidden", "PostHotScore", "PostMature", "PostScore"],
            posts.SelectMany(p => p.Tags.Select(t => new object?[]
            {
                p.Id, tags[t], p.AccountId, 0, 0, p.CreatedAt, p.CreatedAt, false, Hot(p.Ups, p.Downs, p.CreatedAt), p.Mature, p.Ups - p.Downs,
            })));
        Load(target, "gallery_votes", ["ItemId", "AccountId", "Up", "CreatedAt"], VoteRows(posts, rng));
        var body = (Post p) => string.Join(' ', new[] { p.Description, Username(p.AccountId), p.Section }.Concat(p.Tags.Select(t => tags[t].Replace('_', ' ')))
            .Where(s => s is not null));
        if (provider == "sqlite")
        {
            // Index rows numbered by time as the server numbers them (src/Picshelf/Gallery/GallerySearch.cs): the second of
            // sharing shifted left 24 bits plus the post's place in that second.
            var keys = posts.GroupBy(p => p.CreatedAt).SelectMany(second => second.OrderBy(p => p.Id, StringComparer.Ordinal)
                .Select((p, place) => (Post: p, Key: (second.Key << 24) + place + 1))).ToList();
            Load(target, "gallery_search_keys", ["SearchKey", "Id"], keys.Select(k => new object?[] { k.Key, k.Post.Id }));
            Load(target, "gallery_search", ["rowid", "title", "body"], keys.Select(k => new object?[] { k.Key, k.Post.Title, body(k.Post) }));
        }
        else
        {
            Load(target, "gallery_search", ["id", "title", "body"], posts.Select(p => new object?[] { p.Id, p.Title, body(p) }));
        }

        var watch = Stopwatch.StartNew();
        target.CreateIndexes(indexes);
        Console.Error.WriteLine($"re-created {indexes.Count} indexes in {watch.Elapsed.TotalSeconds:F1} s");
        watch.Restart();
        target.Finish();
        Console.Error.WriteLine($"finished (sequence, analyze/checkpoint) in {watch.Elapsed.TotalSeconds:F1} s");

        Directory.CreateDirectory(outDir);
        File.WriteAllLines(Path.Combine(outDir, "post-ids.txt"), posts.Where((_, i) => i % 5 == 0).Select(p => p.Id));
        var week = now - 7 * 86400;
        var day = now - 86400;
        File.WriteAllLines(Path.Combine(outDir, "seed.env"),
        [
            $"SEED_POSTS={postCount}",
            $"SEED_TIME={now}",
            $"SEED_ALBUMS={posts.Count(p => p.IsAlbum)}",
            $"SEED_VIRAL={posts.Count(p => p.Ups - p.Downs >= ViralPoints)}",
            $"SEED_WEEK={posts.Count(p => p.CreatedAt >= week)}",
            $"SEED_DAY={posts.Count(p => p.CreatedAt >= day)}",
            $"SEED_TOP_TAG={tags[0]}",
            $"SEED_TOP_TAG_POSTS={posts.Count(p => p.Tags.Contains(0))}",
            $"SEED_ITEM_TAGS={posts.Sum(p => p.Tags.Length)}",
            $"SEED_SECONDS={total.Elapsed.TotalSeconds:F0}",
        ]);
        Console.Error.WriteLine($"seeded {postCount} posts in {total.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static IEnumerable<object?[]> ImageRows(Post[] posts, string clientId, Random rng)
    {
        foreach (var p in posts)
        {
            var ids = p.IsAlbum ? p.AlbumImages : [p.Id];
            foreach (var id in ids)
            {
                var kind = rng.Next(100);
                var (type, animated) = kind < 90 ? ("image/jpeg", false) : kind < 97 ? ("image/png", false) : ("image/gif", true);
                var width = rng.Next(300, 4000);
                var height = rng.Next(300, 4000);
                yield return
                [
                    id, DeleteHash(rng), p.AccountId, clientId, null, p.IsAlbum ? null : p.Description, "", type, animated, width, height,
                    rng.Next(20_000, 5_000_000), (long)p.Ups * 20, 0L, p.CreatedAt,
                ];
            }
        }
    }

    private static IEnumerable<object?[]> VoteRows(Post[] posts, Random rng)
    {
        var voters = new HashSet<int>();
        foreach (var p in posts)
        {
            var count = Math.Min(p.Ups + p.Downs, 5);
            voters.Clear();
            while (voters.Count < count)
            {
                voters.Add(rng.Next(1, Accounts + 1));
            }
            var i = 0;
            foreach (var voter in voters)
            {
                yield return [p.Id, voter, i++ * (p.Ups + p.Downs) < count * p.Ups, p.CreatedAt + 60];
            }
        }
    }

    private static void Load(IBulkTarget target, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        var watch = Stopwatch.StartNew();
        var count = target.Copy(table, columns, rows);
        Console.Error.WriteLine($"  {table}: {count} rows in {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>GalleryRanking.Hot, as src/Picshelf/Gallery/GalleryRanking.cs computes it.</summary>
    private static double Hot(int ups, int downs, long sharedAt)
    {
        var net = ups - downs;
        var order = Math.Log10(Math.Max(Math.Abs(net), 1));
        return Math.Round(Math.Sign(net) * order + (sharedAt - Epoch) / 45_000.0, 7);
    }

    private static double[] ZipfCdf(int n, double s)
    {
        var cdf = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += 1 / Math.Pow(i + 1, s);
            cdf[i] = sum;
        }
        for (var i = 0; i < n; i++)
        {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int Sample(double[] cdf, Random rng)
    {
        var index = Array.BinarySearch(cdf, rng.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cdf.Length - 1);
    }

    private static string MadeUpWord(int i)
    {
        var a = Syllables[i % Syllables.Length];
        var b = Syllables[i / Syllables.Length % Syllables.Length];
        var c = Syllables[i / (Syllables.Length * Syllables.Length) % Syllables.Length];
        return a + b + c + "x";
    }

    private static string IdOf(long n)
    {
        Span<char> chars = stackalloc char[7];
        for (var i = 6; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(n % 62)];
            n /= 62;
        }
        return new string(chars);
    }

    private static string DeleteHash(Random rng) => rng.GetString(Alphabet, 15);

    private static string GetString(this Random rng, string alphabet, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[rng.Next(alphabet.Length)];
        }
        return new string(chars);
    }

    private interface IBulkTarget : IDisposable
    {
        long Copy(string table, string[] columns, IEnumerable<object?[]> rows);

        /// <summary>Drops the secondary (non-primary-key) indexes of the tables and returns their definitions.</summary>
        List<(string Name, string Sql)> DropIndexes(string[] tables);

        void CreateIndexes(List<(string Name, string Sql)> indexes);

        void Finish();
    }

    private static string Quote(string column) => "\"" + column + "\"";

    private sealed class SqliteTarget : IBulkTarget
    {
        private readonly SqliteConnection connection;

        public SqliteTarget(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            connection.Open();
            Execute("PRAGMA foreign_keys=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000000; PRAGMA temp_store=MEMORY;");
        }

        private void Execute(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }

        public long Copy(string table, string[] columns, IEnumerable<object?[]> rows)
        {
            var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c == "rowid" ? c : Quote(c)))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
            var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null))).ToArray();
            command.Prepare();
            long count = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }
                command.ExecuteNonQuery();
                if (++count % 250_000 == 0)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = connection.BeginTransaction();
                    command.Transaction = transaction;
                }
            }
            transaction.Commit();
            transaction.Dispose();
            return count;
        }

        public List<(string Name, string Sql)> DropIndexes(string[] tables)
        {
            var indexes = new List<(string, string)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (" +
                    string.Join(", ", tables.Select(t => "'" + t + "'")) + ")";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    indexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
            foreach (var (name, _) in indexes)
            {
                Execute($"DROP INDEX {Quote(name)}");
            }
            return indexes;
        }

        public void CreateIndexes(List<(string Name, string Sql)> indexes)
        {
            foreach (var (_, sql) in indexes)
            {
                Execute(sql);
            }
        }

        public void Finish() => Execute("PRAGMA wal_checkpoint(TRUNCATE);");

        public void Dispose() => connection.Dispose();
    }

    private sealed class PostgresTarget : IBulkTarget
    {
        private readonly NpgsqlConnection connection;

        public PostgresTarget(string connectionString)
        {
            connection = new NpgsqlConnection(connectionString);
            connection.Open();
            // Foreign keys are not checked row by row (the generator keeps them), and the load need not wait for fsync.
            Execute("SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '1GB';");
        }

        private void Execute(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }

        public long Copy(string table, string[] columns, IEnumerable<object?[]> rows)
        {
            using var writer = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)");
            writer.Timeout = TimeSpan.FromHours(1);
            long count = 0;
            foreach (var row in rows)
            {
                writer.StartRow();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null: writer.WriteNull(); break;
                        case string s: writer.Write(s, NpgsqlDbType.Text); break;
                        case int i: writer.Write(i, NpgsqlDbType.Integer); break;
                        case long l: writer.Write(l, NpgsqlDbType.Bigint); break;
                        case bool b: writer.Write(b, NpgsqlDbType.Boolean); break;
                        case double d: writer.Write(d, NpgsqlDbType.Double); break;
                        default: throw new InvalidOperationException($"no COPY type for {value.GetType()}");
                    }
                }
                count++;
            }
            writer.Complete();
            return count;
        }

        public List<(string Name, string Sql)> DropIndexes(string[] tables)
        {
            var indexes = new List<(string, string)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
                    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                    WHERE t.relname = ANY(@tables) AND NOT x.indisprimary
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                    """;
                command.Parameters.AddWithValue("tables", tables);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    indexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
            foreach (var (name, _) in indexes)
            {
                Execute($"DROP INDEX {Quote(name)}");
            }
            return indexes;
        }

        public void CreateIndexes(List<(string Name, string Sql)> indexes)
        {
            foreach (var (_, sql) in indexes)
            {
                Execute(sql);
            }
        }

        public void Finish()
        {
            Execute("SELECT setval(pg_get_serial_sequence('accounts', 'Id'), (SELECT max(\"Id\") FROM accounts));");
            // What the tag count trigger does on insert, which the load (session_replication_role = replica) skipped.
            Execute("UPDATE tags SET \"PostCount\" = counted.posts FROM (SELECT \"TagName\", count(*) AS posts FROM gallery_item_tags GROUP BY \"TagName\") counted "
                + "WHERE tags.\"Name\" = counted.\"TagName\";");
            Execute("VACUUM ANALYZE;");
        }

        public void Dispose() => connection.Dispose();
    }
}
