using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.Comments;

/// <summary>Reading and moving <see cref="CommentThreadVersion"/>.</summary>
public static class CommentThreadVersions
{
    /// <summary>0 for a post whose comments never changed.</summary>
    public static Task<long> OfAsync(PicshelfDb db, string postId, CancellationToken cancellationToken) =>
        db.CommentThreadVersions.Where(v => v.PostId == postId).Select(v => v.Version).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Moves the posts' versions, last thing before the change commits: no other lock is taken after these, and several
    /// are taken in one order, so this never joins a deadlock. Readers see the new version and the change together.
    /// </summary>
    public static async Task BumpAsync(PicshelfDb db, IEnumerable<string> postIds, CancellationToken cancellationToken)
    {
        foreach (var postId in postIds.Distinct().Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO comment_thread_versions AS v ("PostId", "Version") VALUES ({postId}, 1)
                ON CONFLICT ("PostId") DO UPDATE SET "Version" = v."Version" + 1
                """, cancellationToken);
        }
    }
}
