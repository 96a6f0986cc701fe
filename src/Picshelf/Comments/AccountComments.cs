using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Comments;

/// <summary>What the Account routes read of an account's comments: its live ones, sorted and paged.</summary>
public sealed class AccountComments(PicshelfDb db, CommentThreads threads)
{
    public async Task<List<CommentModel>> ListAsync(Caller caller, Account account, string? sort, Paging paging, CancellationToken cancellationToken)
    {
        var page = await Sorted(Live(account.Id), sort).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken);
        return await threads.ModelsAsync(caller, page, cancellationToken);
    }

    public Task<List<long>> IdsAsync(Account account, string? sort, Paging paging, CancellationToken cancellationToken) =>
        Sorted(Live(account.Id), sort).Skip(paging.Skip).Take(paging.PerPage).Select(c => c.Id).ToListAsync(cancellationToken);

    public Task<int> CountAsync(Account account, CancellationToken cancellationToken) => Live(account.Id).CountAsync(cancellationToken);

    /// <summary>One of the account's comments with every reply below it.</summary>
    public async Task<SerializedEnvelope> FindAsync(Caller caller, Account account, long commentId, CancellationToken cancellationToken) =>
        await Live(account.Id).AnyAsync(c => c.Id == commentId, cancellationToken)
            ? await threads.WithRepliesAsync(caller, commentId, null, cancellationToken)
            : throw CommentPosting.NotFound(commentId);

    private IQueryable<Comment> Live(int accountId) => db.Comments.AsNoTracking().Where(c => c.AccountId == accountId && !c.Deleted);

    private static IQueryable<Comment> Sorted(IQueryable<Comment> comments, string? sort) =>
        ListSort.Order(comments, ListSort.Parse(sort, ListSort.Best, ListSort.Worst, ListSort.Oldest, ListSort.Newest),
            c => c.CreatedAt, c => c.Id, c => c.Ups - c.Downs, tieDescending: true);
}
