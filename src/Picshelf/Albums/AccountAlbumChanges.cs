using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.Albums;

/// <summary>
/// What an album shows names its owner (<c>account_url</c>, the album page's "by"), and goes with its owner's account:
/// a renamed account's albums are announced changed (<see cref="AlbumChanges"/>), and a deleted account's once the
/// deletion is committed (their rows go with the account's through their foreign key).
/// </summary>
public sealed class AccountAlbumChanges(PicshelfDb db, AlbumChanges changes) : IAccountRenameListener, IAccountDeletionStep
{
    public async Task AccountRenamedAsync(int accountId, CancellationToken cancellationToken) => Announce(await AlbumsOfAsync(accountId, cancellationToken));

    public async Task<Func<Task>> DeleteAsync(int accountId, CancellationToken cancellationToken)
    {
        var albumIds = await AlbumsOfAsync(accountId, cancellationToken);
        return () =>
        {
            Announce(albumIds);
            return Task.CompletedTask;
        };
    }

    private Task<List<string>> AlbumsOfAsync(int accountId, CancellationToken cancellationToken) =>
        db.Albums.Where(a => a.AccountId == accountId).Select(a => a.Id).ToListAsync(cancellationToken);

    private void Announce(List<string> albumIds)
    {
        foreach (var albumId in albumIds)
        {
            changes.Changed(albumId);
        }
    }
}
