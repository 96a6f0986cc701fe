using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>
/// Reports of comments, with the reason codes of post reports, once per account; the operator lists them beside the
/// posts' reports (<c>gallery reports</c>) and deletes a comment or keeps it, either of which clears its reports.
/// </summary>
public sealed class CommentModeration(PicshelfDb db, CommentPosting posting, TimeProvider time)
{
    public async Task ReportAsync(Caller caller, long commentId, string? reason, CancellationToken cancellationToken)
    {
        var accountId = GalleryAccess.SignedIn(caller);
        var code = GalleryReportReasons.Parse(reason);
        if (!await db.Comments.AnyAsync(c => c.Id == commentId && !c.Deleted, cancellationToken))
        {
            throw CommentPosting.NotFound(commentId);
        }
        if (await db.CommentReports.AnyAsync(r => r.CommentId == commentId && r.AccountId == accountId, cancellationToken))
        {
            throw AlreadyReported();
        }
        var report = new CommentReport { CommentId = commentId, AccountId = accountId, Reason = code, CreatedAt = time.GetUtcNow().ToUnixTimeSeconds() };
        db.CommentReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same account reporting twice at once.
            db.Entry(report).State = EntityState.Detached;
            throw AlreadyReported();
        }
    }

    /// <summary>Every reported comment that is not deleted, the most recently reported first.</summary>
    public async Task<List<CommentReportSummary>> ReportsAsync(CancellationToken cancellationToken)
    {
        var tallies = await db.CommentReports.GroupBy(r => new { r.CommentId, r.Reason })
            .Select(g => new { g.Key.CommentId, g.Key.Reason, Count = g.Count(), Latest = g.Max(r => r.CreatedAt) }).ToListAsync(cancellationToken);
        var ids = tallies.Select(t => t.CommentId).Distinct().ToList();
        var comments = await (
            from comment in db.Comments.AsNoTracking()
            where ids.Contains(comment.Id) && !comment.Deleted
            select new { comment.Id, comment.ImageId, comment.Text, Author = db.Accounts.Where(a => a.Id == comment.AccountId).Select(a => a.Username).FirstOrDefault() })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return tallies.GroupBy(t => t.CommentId).Where(g => comments.ContainsKey(g.Key)).Select(g =>
        {
            var comment = comments[g.Key];
            return new CommentReportSummary(comment.Id, comment.ImageId, comment.Text, comment.Author, g.Sum(t => t.Count),
                g.ToDictionary(t => GalleryReportReasons.Describe(t.Reason), t => t.Count), g.Max(t => t.Latest));
        }).OrderByDescending(s => s.LatestReport).ThenBy(s => s.Id).ToList();
    }

    /// <summary>The operator deletes a reported comment as its author could.</summary>
    public async Task<bool> DeleteAsync(long commentId, CancellationToken cancellationToken)
    {
        await posting.DeleteAsync(authorId: null, commentId, cancellationToken);
        await db.CommentReports.Where(r => r.CommentId == commentId).ExecuteDeleteAsync(cancellationToken);
        return true;
    }

    /// <summary>The operator keeps a reported comment: its reports are cleared.</summary>
    public async Task<bool> KeepAsync(long commentId, CancellationToken cancellationToken)
    {
        if (!await db.Comments.AnyAsync(c => c.Id == commentId && !c.Deleted, cancellationToken))
        {
            throw CommentPosting.NotFound(commentId);
        }
        await db.CommentReports.Where(r => r.CommentId == commentId).ExecuteDeleteAsync(cancellationToken);
        return true;
    }

    private static ApiException AlreadyReported() => ApiException.Conflict("You have already reported this comment");
}
