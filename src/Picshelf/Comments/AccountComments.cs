using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Comments;

/// <summary>What the Account routes read and change of an account's comments and the replies to them.</summary>
public sealed class AccountComments(PicshelfDb db)
{
    public async Task<List<CommentModel>> ListAsync(Account account, string? sort, Paging paging, CancellationToken cancellationToken)
    {
        var page = await Sorted(Live(account.Id), sort).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken);
        return page.Select(c => c.ToModel(account.Username)).ToList();
    }

    public Task<List<long>> IdsAsync(Account account, string? sort, Paging paging, CancellationToken cancellationToken) =>
        Sorted(Live(account.Id), sort).Skip(paging.Skip).Take(paging.PerPage).Select(c => c.Id).ToListAsync(cancellationToken);

    public Task<int> CountAsync(Account account, CancellationToken cancellationToken) => Live(account.Id).CountAsync(cancellationToken);

    /// <summary>One of the account's comments with every reply below it.</summary>
    public async Task<CommentModel> FindAsync(Account account, long commentId, CancellationToken cancellationToken)
    {
        var comment = await Live(account.Id).SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken) ?? throw NotFound(commentId);
        var replies = await (
            from reply in db.Comments.AsNoTracking()
            join author in db.Accounts on reply.AccountId equals author.Id
            where reply.ImageId == comment.ImageId
            select new { Reply = reply, Author = author.Username }).ToListAsync(cancellationToken);
        var byParent = replies.ToLookup(r => r.Reply.ParentId);
        IReadOnlyList<CommentModel> Children(long parentId) =>
            byParent[parentId].OrderBy(r => r.Reply.CreatedAt).Select(r => r.Reply.ToModel(r.Author, Children(r.Reply.Id))).ToList();
        return comment.ToModel(account.Username, Children(comment.Id));
    }

    /// <summary>Marks the comment deleted; its replies stay, as on Imgur.</summary>
    public async Task DeleteAsync(Account account, long commentId, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == commentId && !c.Deleted, cancellationToken) ?? throw NotFound(commentId);
        if (comment.AccountId != account.Id)
        {
            throw ApiException.Forbidden("Unauthorized");
        }
        await db.Comments.Where(c => c.Id == commentId).ExecuteUpdateAsync(set => set.SetProperty(c => c.Deleted, true), cancellationToken);
    }

    /// <summary>Replies to the account's comments, only those not viewed yet unless <paramref name="onlyNew"/> is false.</summary>
    public async Task<List<ReplyNotificationModel>> RepliesAsync(Account account, bool onlyNew, CancellationToken cancellationToken)
    {
        var rows = await (
            from notification in db.ReplyNotifications.AsNoTracking()
            join reply in db.Comments on notification.CommentId equals reply.Id
            join author in db.Accounts on reply.AccountId equals author.Id
            where notification.AccountId == account.Id && (!onlyNew || !notification.Viewed) && !reply.Deleted
            orderby notification.CreatedAt descending
            select new { Notification = notification, Reply = reply, Author = author.Username }).ToListAsync(cancellationToken);
        return rows.Select(r => new ReplyNotificationModel(r.Notification.Id, r.Notification.AccountId, r.Notification.Viewed, r.Reply.ToModel(r.Author))).ToList();
    }

    private IQueryable<Comment> Live(int accountId) => db.Comments.AsNoTracking().Where(c => c.AccountId == accountId && !c.Deleted);

    private static IQueryable<Comment> Sorted(IQueryable<Comment> comments, string? sort) =>
        ListSort.Order(comments, ListSort.Parse(sort, ListSort.Best, ListSort.Worst, ListSort.Oldest, ListSort.Newest),
            c => c.CreatedAt, c => c.Id, c => c.Ups - c.Downs, tieDescending: true);

    private static ApiException NotFound(long commentId) => ApiException.NotFound($"Unable to find a comment with the id, {commentId}");
}
