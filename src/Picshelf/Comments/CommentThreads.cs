using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>
/// Comments as the API shows them: alone, or with every reply below them as <c>children</c>, each level sorted. A post's
/// comments are read in three queries (the comments, their authors, the caller's votes) and the tree is built without
/// recursion, from the deepest replies up, so a thread a thousand replies deep costs what a wide one does. A deleted
/// comment stays in the tree, without its words, while a live reply hangs below it.
/// </summary>
public sealed class CommentThreads(PicshelfDb db)
{
    /// <summary>The post's top-level comments with their replies.</summary>
    public async Task<List<CommentModel>> OfPostAsync(Caller caller, string postId, CommentOrder order, CancellationToken cancellationToken)
    {
        var post = await GalleryAccess.FindAsync(db, postId, GalleryItemKind.Any, cancellationToken);
        var thread = await ThreadAsync(caller, post.Id, cancellationToken);
        return thread.Build(thread.Comments.Where(c => c.ParentId == 0), order);
    }

    /// <summary>One comment with every reply below it; on the post named, when one is.</summary>
    public async Task<CommentModel> WithRepliesAsync(Caller caller, long commentId, string? postId, CancellationToken cancellationToken)
    {
        var comment = await FindLiveAsync(commentId, postId, cancellationToken);
        var thread = await ThreadAsync(caller, comment.ImageId, cancellationToken);
        return thread.Build(thread.Comments.Where(c => c.Id == commentId), CommentOrder.Best).SingleOrDefault() ?? throw CommentPosting.NotFound(commentId);
    }

    /// <summary>One comment, without its replies.</summary>
    public async Task<CommentModel> AloneAsync(Caller caller, long commentId, CancellationToken cancellationToken)
    {
        var comment = await FindLiveAsync(commentId, null, cancellationToken);
        var models = await ModelsAsync(caller, [comment], cancellationToken);
        return models[0];
    }

    /// <summary>Comments as models without their replies, as lists of an account's comments show them.</summary>
    public async Task<List<CommentModel>> ModelsAsync(Caller caller, IReadOnlyList<Comment> comments, CancellationToken cancellationToken)
    {
        var ids = comments.Select(c => c.Id).ToList();
        var authorIds = comments.Where(c => c.AccountId is not null).Select(c => c.AccountId!.Value).Distinct().ToList();
        var authors = await db.Accounts.Where(a => authorIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, cancellationToken);
        var votes = caller.AccountId is { } voter
            ? await db.CommentVotes.Where(v => v.AccountId == voter && ids.Contains(v.CommentId)).ToDictionaryAsync(v => v.CommentId, v => v.Up, cancellationToken)
            : [];
        return comments.Select(c => c.ToModel(AuthorOf(c, authors), VoteOf(c, votes), [])).ToList();
    }

    /// <summary>The comment, live; on the post named, when one is, which must be in the gallery as its comment routes are.</summary>
    private async Task<Comment> FindLiveAsync(long commentId, string? postId, CancellationToken cancellationToken)
    {
        if (postId is not null)
        {
            await GalleryAccess.FindAsync(db, postId, GalleryItemKind.Any, cancellationToken);
        }
        return await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == commentId && !c.Deleted && (postId == null || c.ImageId == postId), cancellationToken)
            ?? throw CommentPosting.NotFound(commentId);
    }

    private async Task<Thread> ThreadAsync(Caller caller, string postId, CancellationToken cancellationToken)
    {
        var comments = await db.Comments.AsNoTracking().Where(c => c.ImageId == postId).ToListAsync(cancellationToken);
        var authors = await (
            from comment in db.Comments
            where comment.ImageId == postId
            join author in db.Accounts on comment.AccountId equals (int?)author.Id
            select new { author.Id, author.Username }).Distinct().ToDictionaryAsync(a => a.Id, a => a.Username, cancellationToken);
        var votes = caller.AccountId is { } voter
            ? await (
                from vote in db.CommentVotes
                where vote.AccountId == voter
                join comment in db.Comments on vote.CommentId equals comment.Id
                where comment.ImageId == postId
                select vote).ToDictionaryAsync(v => v.CommentId, v => v.Up, cancellationToken)
            : [];
        return new Thread(comments, authors, votes);
    }

    private static string AuthorOf(Comment comment, Dictionary<int, string> authors) =>
        comment.AccountId is { } id && authors.TryGetValue(id, out var name) ? name : CommentMapping.DeletedAuthor;

    private static string? VoteOf(Comment comment, Dictionary<long, bool> votes) =>
        votes.TryGetValue(comment.Id, out var up) ? (up ? "up" : "down") : null;

    /// <summary>A post's comments with what presenting them needs.</summary>
    private sealed record Thread(List<Comment> Comments, Dictionary<int, string> Authors, Dictionary<long, bool> Votes)
    {
        public List<CommentModel> Build(IEnumerable<Comment> roots, CommentOrder order)
        {
            var replies = Comments.ToLookup(c => c.ParentId);
            // Breadth first from the roots, then built backwards: every reply is built before the comment it answers.
            var visit = roots.ToList();
            var rootCount = visit.Count;
            for (var i = 0; i < visit.Count; i++)
            {
                visit.AddRange(replies[visit[i].Id]);
            }
            var built = new Dictionary<long, CommentModel>(visit.Count);
            for (var i = visit.Count - 1; i >= 0; i--)
            {
                var comment = visit[i];
                var children = replies[comment.Id].Where(r => built.ContainsKey(r.Id)).Sort(order).Select(r => built[r.Id]).ToList();
                if (!comment.Deleted || children.Count > 0)
                {
                    built[comment.Id] = comment.ToModel(AuthorOf(comment, Authors), VoteOf(comment, Votes), children);
                }
            }
            return visit.Take(rootCount).Where(r => built.ContainsKey(r.Id)).Sort(order).Select(r => built[r.Id]).ToList();
        }
    }
}
