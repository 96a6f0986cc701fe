using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>
/// Comments as the API shows them: alone, or with every reply below them as <c>children</c>, each level sorted. A post's
/// thread is read in two queries (the comments and their authors) once per change (<see cref="CommentTree"/>,
/// <see cref="CommentTreeCache"/>); each request adds the caller's votes.
/// </summary>
public sealed class CommentThreads(PicshelfDb db, CommentTreeCache cache)
{
    /// <summary>The post's top-level comments with their replies.</summary>
    public async Task<SerializedEnvelope> OfPostAsync(Caller caller, string postId, CommentOrder order, CancellationToken cancellationToken)
    {
        var post = await GalleryAccess.FindAsync(db, postId, GalleryItemKind.Any, cancellationToken);
        var tree = await TreeAsync(post.Id, cancellationToken);
        return tree.Thread(order, await VotesAsync(caller, post.Id, cancellationToken));
    }

    /// <summary>One comment with every reply below it; on the post named, when one is.</summary>
    public async Task<SerializedEnvelope> WithRepliesAsync(Caller caller, long commentId, string? postId, CancellationToken cancellationToken)
    {
        var comment = await FindLiveAsync(commentId, postId, cancellationToken);
        var tree = await TreeAsync(comment.ImageId, cancellationToken);
        // Deleted since it was found.
        if (!tree.Shows(commentId))
        {
            throw CommentPosting.NotFound(commentId);
        }
        return tree.Comment(commentId, await VotesAsync(caller, comment.ImageId, cancellationToken));
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
        return comments.Select(c => c.ToModel(AuthorOf(c, authors), votes.TryGetValue(c.Id, out var up) ? (up ? "up" : "down") : null)).ToList();
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

    /// <summary>
    /// The post's thread as of its version or later: the version is read first, so a thread read after it is at least
    /// as new as what the version promises.
    /// </summary>
    private async Task<CommentTree> TreeAsync(string postId, CancellationToken cancellationToken)
    {
        var version = await CommentThreadVersions.OfAsync(db, postId, cancellationToken);
        if (cache.Find(postId, version) is { } kept)
        {
            return kept;
        }
        var comments = await db.Comments.AsNoTracking().Where(c => c.ImageId == postId).ToListAsync(cancellationToken);
        var authors = await (
            from comment in db.Comments
            where comment.ImageId == postId
            join author in db.Accounts on comment.AccountId equals (int?)author.Id
            select new { author.Id, author.Username }).Distinct().ToDictionaryAsync(a => a.Id, a => a.Username, cancellationToken);
        var tree = new CommentTree(comments, c => AuthorOf(c, authors), version);
        cache.Keep(postId, tree);
        return tree;
    }

    /// <summary>The caller's votes on the post's comments: up (true) or down (false) by comment id.</summary>
    private async Task<Dictionary<long, bool>> VotesAsync(Caller caller, string postId, CancellationToken cancellationToken) =>
        caller.AccountId is { } voter
            ? await (
                from vote in db.CommentVotes
                where vote.AccountId == voter
                join comment in db.Comments on vote.CommentId equals comment.Id
                where comment.ImageId == postId
                select vote).ToDictionaryAsync(v => v.CommentId, v => v.Up, cancellationToken)
            : [];

    private static string AuthorOf(Comment comment, Dictionary<int, string> authors) =>
        comment.AccountId is { } id && authors.TryGetValue(id, out var name) ? name : CommentMapping.DeletedAuthor;
}
