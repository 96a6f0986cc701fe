using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>
/// Writing comments under gallery posts and deleting them. A comment is written holding its post's lock, so the post's
/// comment limit and a reply's parent are checked against what is really there; a reply notifies its parent's author.
/// </summary>
public sealed class CommentPosting(PicshelfDb db, IDatabaseDialect dialect, IOptions<CommentOptions> options, TimeProvider time)
{
    /// <summary>How many replies deep a thread may grow.</summary>
    public const int MaxDepth = 1000;

    /// <param name="postId">The post (<c>image_id</c>); a reply may leave it out, as it is its parent's.</param>
    /// <param name="parentId">The comment replied to; null for a top-level comment.</param>
    public async Task<long> CreateAsync(Caller caller, string? postId, string? text, long? parentId, CancellationToken cancellationToken)
    {
        var accountId = GalleryAccess.SignedIn(caller);
        var words = CommentText.Parse(text);
        // A comment never moves to another post, so a reply's post is known before anything is locked.
        var parentPost = parentId is { } replyTo
            ? await db.Comments.Where(c => c.Id == replyTo).Select(c => c.ImageId).SingleOrDefaultAsync(cancellationToken) ?? throw NoParent(replyTo)
            : null;
        if (parentPost is not null && !string.IsNullOrEmpty(postId) && postId != parentPost)
        {
            throw ApiException.BadRequest($"The comment {parentId} is on another post");
        }
        postId = parentPost ?? (string.IsNullOrEmpty(postId) ? throw ApiException.BadRequest("Name the post to comment on in image_id") : postId);

        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        await GalleryAccess.HoldAccountAsync(db, dialect, accountId, cancellationToken);
        await using var postLock = await dialect.LockGalleryItemAsync(db, postId, cancellationToken);
        var post = await GalleryAccess.FindAsync(db, postId, GalleryItemKind.Any, cancellationToken);
        // The parent's lock, as its deletion takes it: it cannot be deleted between this check and the reply's insert.
        await using var parentLock = parentId is { } locked ? await dialect.LockCommentAsync(db, locked, cancellationToken) : null;
        var parent = parentId is { } id ? await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (parentId is { } wanted && (parent is null || parent.Deleted))
        {
            throw NoParent(wanted);
        }
        if (parent?.Depth >= MaxDepth)
        {
            throw ApiException.BadRequest($"A thread is at most {MaxDepth} replies deep");
        }
        if (await db.Comments.CountAsync(c => c.ImageId == post.Id, cancellationToken) >= options.Value.MaxPerPost)
        {
            throw ApiException.Forbidden($"This post is full: it holds {options.Value.MaxPerPost} comments, as many as a post may");
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var comment = new Comment
        {
            ImageId = post.Id,
            AccountId = accountId,
            ParentId = parent?.Id ?? 0,
            Depth = parent is null ? 0 : parent.Depth + 1,
            Text = words,
            OnAlbum = post.IsAlbum,
            AlbumCover = post.IsAlbum ? await AlbumCoverAsync(post.Id, cancellationToken) : null,
            Platform = "api",
            CreatedAt = now,
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        if (parent?.AccountId is { } parentAuthor && parentAuthor != accountId)
        {
            db.ReplyNotifications.Add(new ReplyNotification { AccountId = parentAuthor, CommentId = comment.Id, CreatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        await CommentThreadVersions.BumpAsync(db, [post.Id], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return comment.Id;
    }

    /// <summary>
    /// Deletes a comment, by its author (<paramref name="authorId"/>) or by the operator (null): its words go, its place
    /// in the thread stays while it has replies.
    /// </summary>
    public async Task DeleteAsync(int? authorId, long commentId, CancellationToken cancellationToken)
    {
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        await using var commentLock = await dialect.LockCommentAsync(db, commentId, cancellationToken);
        var comment = await db.Comments.Where(c => c.Id == commentId && !c.Deleted).Select(c => new { c.AccountId, c.ImageId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound(commentId);
        if (authorId is not null && comment.AccountId != authorId)
        {
            throw ApiException.Forbidden("Only its author can delete a comment");
        }
        await db.Comments.Where(c => c.Id == commentId).ExecuteUpdateAsync(set => set.SetProperty(c => c.Deleted, true).SetProperty(c => c.Text, ""), cancellationToken);
        await CommentThreadVersions.BumpAsync(db, [comment.ImageId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The album's cover as its own model tells it (<c>AlbumPresenter</c>): the chosen one while it is in the album, else its
    /// first image; an album whose cover was never chosen has one all the same.
    /// </summary>
    private async Task<string?> AlbumCoverAsync(string albumId, CancellationToken cancellationToken)
    {
        var chosen = await db.Albums.Where(a => a.Id == albumId).Select(a => a.CoverImageId).SingleOrDefaultAsync(cancellationToken);
        var images = db.AlbumImages.Where(i => i.AlbumId == albumId);
        return chosen is not null && await images.AnyAsync(i => i.ImageId == chosen, cancellationToken) ? chosen
            : await images.OrderBy(i => i.Position).Select(i => i.ImageId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// A request's <c>parent_id</c>: none when absent, empty or 0 (Imgur's own top-level comments carry 0, and clients send
    /// it back that way); anything else that is not a comment id is refused, never taken for a top-level comment.
    /// </summary>
    public static long? ParentId(string? field) =>
        string.IsNullOrEmpty(field) ? null
        : long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (id == 0 ? null : id)
        : throw ApiException.BadRequest("parent_id must be a comment id");

    public static ApiException NotFound(long commentId) => ApiException.NotFound($"Unable to find a comment with the id, {commentId}");

    private static ApiException NoParent(long parentId) => ApiException.BadRequest($"There is no comment {parentId} to reply to");
}
