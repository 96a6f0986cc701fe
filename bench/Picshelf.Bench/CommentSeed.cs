using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Picshelf.Bench;

/// <summary>
/// bench/comments.sh: posts COUNT comments on one gallery post over HTTP (<c>POST /3/comment</c>, form image_id, comment,
/// parent_id), as a realistic tree drawn with a fixed seed, so both providers get the same shape:
/// <list type="bullet">
/// <item>~20 % roots (~2,000 of 10,000);</item>
/// <item>~10 % extend one of a few long conversations (two people answering each other: each reply is to the previous one),
/// each 50-200 deep, begun under a recent comment; when one ends, another starts;</item>
/// <item>the rest reply to an earlier comment, half the time a recent one (age exponential, mean 300 comments), half the time
/// one picked in proportion to the replies it already has + 1 (the popular get more).</item>
/// </list>
/// CONCURRENCY requests at a time; a reply waits for its parent's id. Authors are the tokens of TOKENS_FILE, at random.
/// Writes DIR/comment-ids.txt (one id a line, creation order) and DIR/seed.env (shape and timing).
/// </summary>
public static class CommentSeed
{
    public static int Run(string baseUrl, string postId, string tokensFile, int count, int concurrency, string outDir)
    {
        var tokens = File.ReadAllLines(tokensFile).Where(t => t.Length > 0).ToArray();
        if (tokens.Length == 0)
        {
            Console.Error.WriteLine("no tokens");
            return 1;
        }
        var parents = Shape(count, out var depth, out var tails);
        var started = DateTime.UtcNow;
        var ids = SeedAsync(baseUrl, postId, tokens, parents, concurrency).GetAwaiter().GetResult();
        var seconds = (DateTime.UtcNow - started).TotalSeconds;

        Directory.CreateDirectory(outDir);
        File.WriteAllLines(Path.Combine(outDir, "comment-ids.txt"), ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var roots = parents.Count(p => p < 0);
        var replies = new int[count];
        foreach (var p in parents)
        {
            if (p >= 0) replies[p]++;
        }
        var lines = new[]
        {
            $"SEED_COMMENTS={count}",
            $"SEED_ROOTS={roots}",
            $"SEED_MAX_DEPTH={depth.Max()}",
            $"SEED_MEAN_DEPTH={depth.Average():0.0}",
            $"SEED_LONG_TAILS={tails}",
            $"SEED_MAX_REPLIES={replies.Max()}",
            $"SEED_LEAVES={replies.Count(r => r == 0)}",
            $"SEED_SECONDS={seconds:0.0}",
            $"SEED_PER_SECOND={count / seconds:0}",
        };
        File.WriteAllLines(Path.Combine(outDir, "seed.env"), lines.Select(l => l.ToString(CultureInfo.InvariantCulture)));
        foreach (var line in lines) Console.Error.WriteLine(line);
        return 0;
    }

    /// <summary>parent index of each comment (-1 for a root); depth of each; how many long conversations were drawn.</summary>
    public static int[] Shape(int count, out int[] depth, out int tails)
    {
        var random = new Random(13);
        var parents = new int[count];
        depth = new int[count];
        var popular = new List<int>();   // one entry per reply received + one per comment: choosing uniformly here is preferential
        var active = new List<(int Last, int Left)>();
        tails = 0;
        for (var i = 0; i < count; i++)
        {
            int parent;
            var u = random.NextDouble();
            if (i < 20 || u < 0.20)
            {
                parent = -1;
            }
            else if (u < 0.30)
            {
                if (active.Count < 4 && i > 100)
                {
                    // a new conversation under a recent comment
                    active.Add((i - 1 - (int)Math.Min(i - 1, -Math.Log(1 - random.NextDouble()) * 50), random.Next(50, 201)));
                    tails++;
                }
                if (active.Count == 0)
                {
                    parent = i - 1;
                }
                else
                {
                    var k = random.Next(active.Count);
                    parent = active[k].Last;
                    active[k] = (i, active[k].Left - 1);
                    if (active[k].Left <= 0) active.RemoveAt(k);
                }
            }
            else if (u < 0.65)
            {
                parent = i - 1 - (int)Math.Min(i - 1, -Math.Log(1 - random.NextDouble()) * 300);
            }
            else
            {
                parent = popular[random.Next(popular.Count)];
            }
            parents[i] = parent;
            depth[i] = parent < 0 ? 0 : depth[parent] + 1;
            popular.Add(i);
            if (parent >= 0) popular.Add(parent);
        }
        return parents;
    }

    private static async Task<long[]> SeedAsync(string baseUrl, string postId, string[] tokens, int[] parents, int concurrency)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var done = parents.Select(_ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var gate = new SemaphoreSlim(concurrency);
        var random = new Random(17);
        var authors = parents.Select(_ => tokens[random.Next(tokens.Length)]).ToArray();
        var failed = 0;

        async Task PostOne(int i)
        {
            try
            {
                try
                {
                    long? parentId = parents[i] < 0 ? null : await done[parents[i]].Task;
                    var fields = new List<KeyValuePair<string, string>>
                    {
                        new("image_id", postId),
                        new("comment", $"comment {i} of the bench thread{(parentId is null ? "" : " replying to " + parentId)}"),
                    };
                    if (parentId is { } p) fields.Add(new("parent_id", p.ToString(CultureInfo.InvariantCulture)));
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/3/comment") { Content = new FormUrlEncodedContent(fields) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", authors[i]);
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"comment {i}: HTTP {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
                    using var json = JsonDocument.Parse(body);
                    done[i].SetResult(json.RootElement.GetProperty("data").GetProperty("id").GetInt64());
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failed) <= 3) Console.Error.WriteLine(e.Message);
                done[i].TrySetException(e);
            }
        }

        // Started in creation order, CONCURRENCY at a time (a reply holds its slot while its parent, earlier, is posted),
        // so the ids follow the drawn order closely.
        var all = new List<Task>(parents.Length);
        for (var i = 0; i < parents.Length; i++)
        {
            await gate.WaitAsync();
            all.Add(PostOne(i));
        }
        await Task.WhenAll(all);
        if (failed > 0) throw new InvalidOperationException($"{failed} comments failed");
        return done.Select(d => d.Task.Result).ToArray();
    }
}
