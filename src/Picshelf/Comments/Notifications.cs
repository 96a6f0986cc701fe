using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Comments;

/// <summary>
/// The account's notifications: a reply to one of its comments (by someone else) is one, until it is marked viewed.
/// Picshelf has no private messages, so <c>messages</c> is always empty. A reply deleted since is no longer shown.
/// </summary>
public sealed class Notifications(PicshelfDb db, CommentThreads threads)
{
    /// <summary>The account's reply notifications, newest first; only those not viewed yet unless <paramref name="onlyNew"/> is false.</summary>
    public async Task<List<ReplyNotificationModel>> RepliesAsync(Caller caller, int accountId, bool onlyNew, CancellationToken cancellationToken)
    {
        var rows = await Visible(accountId).Where(n => !onlyNew || !n.Notification.Viewed).OrderByDescending(n => n.Notification.CreatedAt)
            .ThenByDescending(n => n.Notification.Id).ToListAsync(cancellationToken);
        return await ModelsAsync(caller, rows, cancellationToken);
    }

    public async Task<ReplyNotificationModel> FindAsync(Caller caller, int accountId, long notificationId, CancellationToken cancellationToken)
    {
        var row = await Visible(accountId).SingleOrDefaultAsync(n => n.Notification.Id == notificationId, cancellationToken) ?? throw NotFound(notificationId);
        return (await ModelsAsync(caller, [row], cancellationToken))[0];
    }

    /// <summary>
    /// Marks the account's notifications viewed; an id that is not one of them, or whose reply is deleted (so reading it
    /// is 404 too), is 404 and marks nothing.
    /// </summary>
    public async Task MarkViewedAsync(int accountId, IReadOnlyCollection<long> notificationIds, CancellationToken cancellationToken)
    {
        var own = await Visible(accountId).Where(n => notificationIds.Contains(n.Notification.Id)).Select(n => n.Notification.Id).ToListAsync(cancellationToken);
        if (notificationIds.Except(own).ToList() is [var missing, ..])
        {
            throw NotFound(missing);
        }
        await db.ReplyNotifications.Where(n => own.Contains(n.Id)).ExecuteUpdateAsync(set => set.SetProperty(n => n.Viewed, true), cancellationToken);
    }

    private sealed class Row
    {
        public required ReplyNotification Notification { get; init; }
        public required Comment Reply { get; init; }
    }

    private IQueryable<Row> Visible(int accountId) =>
        from notification in db.ReplyNotifications.AsNoTracking()
        join reply in db.Comments on notification.CommentId equals reply.Id
        where notification.AccountId == accountId && !reply.Deleted
        select new Row { Notification = notification, Reply = reply };

    private async Task<List<ReplyNotificationModel>> ModelsAsync(Caller caller, List<Row> rows, CancellationToken cancellationToken)
    {
        var replies = await threads.ModelsAsync(caller, rows.Select(r => r.Reply).ToList(), cancellationToken);
        return rows.Zip(replies, (row, reply) => new ReplyNotificationModel(row.Notification.Id, row.Notification.AccountId, row.Notification.Viewed, reply)).ToList();
    }

    private static ApiException NotFound(long notificationId) => ApiException.NotFound($"Unable to find a notification with the id, {notificationId}");
}
