using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>A gallery post's live comments as ids (newest first) and as a count.</summary>
public sealed class PostCommentLists(PicshelfDb db)
{
    public async Task<List<long>> IdsAsync(string postId, CancellationToken cancellationToken)
    {
        var post = await GalleryAccess.FindAsync(db, postId, GalleryItemKind.Any, cancellationToken);
        return await db.Comments.Where(c => c.ImageId == post.Id && !c.Deleted).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => c.Id).ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(string postId, CancellationToken cancellationToken)
    {
        var post = await GalleryAccess.FindAsync(db, postId, GalleryItemKind.Any, cancellationToken);
        return await db.Comments.CountAsync(c => c.ImageId == post.Id && !c.Deleted, cancellationToken);
    }
}
