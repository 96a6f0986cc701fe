using System.Buffers;
using System.Text.Json;
using Picshelf.Api;

namespace Picshelf.Comments;

/// <summary>
/// A post's comments as its thread routes answer them, serialized once per <see cref="CommentThreadVersion"/> and
/// shared by every reader (<see cref="CommentTreeCache"/>). Each comment's JSON is kept in two pieces around
/// <c>"vote":</c>, the one field that differs between callers, so answering a thread of 10,000 comments is copying its
/// bytes with the caller's votes between them. Which comments show does not depend on the order: a deleted comment
/// shows, without its words, while a live reply hangs below it. Built without recursion, so a thread a thousand
/// replies deep costs what a wide one does.
/// </summary>
public sealed class CommentTree
{
    private static readonly byte[] VoteThenPlatform = "\"vote\":null,\"platform\":"u8.ToArray();
    private static readonly byte[] VoteKey = "\"vote\":"u8.ToArray();
    private static readonly byte[] NullVote = "null"u8.ToArray();
    private static readonly byte[] UpVote = "\"up\""u8.ToArray();
    private static readonly byte[] DownVote = "\"down\""u8.ToArray();

    private readonly Comment[] comments;
    private readonly Dictionary<long, int> indexOf;
    private readonly int[][] children;
    private readonly int[] roots;
    private readonly byte[] json;
    private readonly int[] headStart;
    private readonly int[] tailStart;
    private readonly int[] tailEnd;
    private static readonly Dictionary<long, bool> NoVotes = [];

    private readonly SortedLevels?[] sorted = new SortedLevels?[Enum.GetValues<CommentOrder>().Length];
    private readonly SerializedEnvelope?[] unvoted = new SerializedEnvelope?[Enum.GetValues<CommentOrder>().Length];

    public long Version { get; }

    /// <summary>About as long as the whole thread is written, votes and all: room to write it in one go.</summary>
    private int WrittenLength => json.Length + comments.Length * 8 + 16;

    /// <summary>Roughly what it holds in memory, for the cache's bound: its pieces, and up to three threads written whole.</summary>
    public long Size => json.Length * 4L + comments.Length * 160L;

    public CommentTree(IReadOnlyList<Comment> all, Func<Comment, string> authorOf, long version)
    {
        Version = version;
        comments = [.. all];
        indexOf = new Dictionary<long, int>(comments.Length);
        for (var i = 0; i < comments.Length; i++)
        {
            indexOf[comments[i].Id] = i;
        }
        // Deepest first: a reply is known to show before the comment it answers is looked at.
        var shown = comments.Select(c => !c.Deleted).ToArray();
        foreach (var i in Enumerable.Range(0, comments.Length).OrderByDescending(i => comments[i].Depth))
        {
            if (shown[i] && comments[i].ParentId != 0 && indexOf.TryGetValue(comments[i].ParentId, out var parent))
            {
                shown[parent] = true;
            }
        }
        var below = Enumerable.Range(0, comments.Length).Select(_ => new List<int>()).ToArray();
        var top = new List<int>();
        for (var i = 0; i < comments.Length; i++)
        {
            if (!shown[i])
            {
                continue;
            }
            if (comments[i].ParentId == 0)
            {
                top.Add(i);
            }
            else if (indexOf.TryGetValue(comments[i].ParentId, out var parent))
            {
                below[parent].Add(i);
            }
        }
        children = below.Select(list => list.ToArray()).ToArray();
        roots = [.. top];

        headStart = new int[comments.Length];
        tailStart = new int[comments.Length];
        tailEnd = new int[comments.Length];
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, comments.Length * 320));
        using var writer = ImgurResponseWriter.CreateJsonWriter(buffer);
        for (var i = 0; i < comments.Length; i++)
        {
            if (!shown[i])
            {
                continue;
            }
            var start = buffer.WrittenCount;
            JsonSerializer.Serialize(writer, comments[i].ToModel(authorOf(comments[i]), null), CommentsJson.Default.CommentModel);
            writer.Flush();
            writer.Reset();
            // The model ends ...,"vote":null,"platform":"…","children":[]}. Inside a string every quote is escaped, so
            // the last "vote":null,"platform": is the property itself.
            var written = buffer.WrittenSpan;
            var vote = start + written[start..].LastIndexOf(VoteThenPlatform);
            headStart[i] = start;
            tailStart[i] = vote + VoteKey.Length + NullVote.Length;
            tailEnd[i] = written.Length - 2;
        }
        json = buffer.WrittenSpan.ToArray();
    }

    /// <summary>Whether the comment is in this thread and shows.</summary>
    public bool Shows(long commentId) => indexOf.TryGetValue(commentId, out var i) && (!comments[i].Deleted || children[i].Length > 0);

    /// <summary>
    /// The top-level comments with their replies, in an envelope; the caller's votes by comment id. Most readers have not
    /// voted in the thread (none who is not signed in has), so theirs is written once and kept with the thread.
    /// </summary>
    public SerializedEnvelope Thread(CommentOrder order, IReadOnlyDictionary<long, bool> votes)
    {
        if (votes.Count > 0)
        {
            return ImgurResponseWriter.Success(WrittenLength, output => WriteThread(output, order, votes));
        }
        // Two readers may write it at once; either's is the same.
        return unvoted[(int)order] ??= ImgurResponseWriter.Success(WrittenLength, output => WriteThread(output, order, NoVotes));
    }

    /// <summary>One shown comment with its replies, sorted best, in an envelope.</summary>
    public SerializedEnvelope Comment(long commentId, IReadOnlyDictionary<long, bool> votes) =>
        ImgurResponseWriter.Success(256, output => WriteSubtree(output, indexOf[commentId], Levels(CommentOrder.Best), votes));

    private void WriteThread(IBufferWriter<byte> output, CommentOrder order, IReadOnlyDictionary<long, bool> votes)
    {
        var levels = Levels(order);
        output.Write("["u8);
        for (var r = 0; r < levels.Roots.Length; r++)
        {
            if (r > 0)
            {
                output.Write(","u8);
            }
            WriteSubtree(output, levels.Roots[r], levels, votes);
        }
        output.Write("]"u8);
    }

    private void WriteSubtree(IBufferWriter<byte> output, int top, SortedLevels levels, IReadOnlyDictionary<long, bool> votes)
    {
        var path = new Stack<(int Node, int Next)>();
        Open(output, top, votes);
        path.Push((top, 0));
        while (path.TryPop(out var at))
        {
            var replies = levels.Children[at.Node];
            if (at.Next < replies.Length)
            {
                path.Push((at.Node, at.Next + 1));
                if (at.Next > 0)
                {
                    output.Write(","u8);
                }
                Open(output, replies[at.Next], votes);
                path.Push((replies[at.Next], 0));
            }
            else
            {
                output.Write("]}"u8);
            }
        }
    }

    /// <summary>The comment up to the opening of its <c>children</c> array.</summary>
    private void Open(IBufferWriter<byte> output, int i, IReadOnlyDictionary<long, bool> votes)
    {
        var vote = tailStart[i] - NullVote.Length;
        output.Write(json.AsSpan(headStart[i], vote - headStart[i]));
        output.Write(votes.TryGetValue(comments[i].Id, out var up) ? (up ? UpVote : DownVote) : NullVote);
        output.Write(json.AsSpan(tailStart[i], tailEnd[i] - tailStart[i]));
    }

    private SortedLevels Levels(CommentOrder order)
    {
        // Two readers may sort at once; either's result is the same.
        return sorted[(int)order] ??= new SortedLevels(
            roots.Sort(comments, order),
            children.Select(level => level.Sort(comments, order)).ToArray());
    }

    private sealed record SortedLevels(int[] Roots, int[][] Children);
}
