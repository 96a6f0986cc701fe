using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Albums;

/// <summary>
/// An account's albums as the Account routes show them. The owner sees every album with its deletehash;
/// anyone else sees only public ones listed, and hidden or secret ones only when asking by id.
/// </summary>
public sealed class AccountAlbums(PicshelfDb db, AlbumPresenter presenter, AlbumRemoval removal)
{
    public async Task<List<AlbumModel>> ListAsync(HttpContext context, Account account, Caller caller, Paging paging, CancellationToken cancellationToken)
    {
        var page = await Listed(account, caller).OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken);
        return await presenter.ModelsAsync(context, caller, page, withImages: false, cancellationToken);
    }

    public Task<List<string>> IdsAsync(Account account, Caller caller, Paging paging, CancellationToken cancellationToken) =>
        Listed(account, caller).OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .Skip(paging.Skip).Take(paging.PerPage).Select(a => a.Id).ToListAsync(cancellationToken);

    public Task<int> CountAsync(Account account, Caller caller, CancellationToken cancellationToken) =>
        Listed(account, caller).CountAsync(cancellationToken);

    public async Task<AlbumModel> FindAsync(HttpContext context, Account account, Caller caller, string albumId, CancellationToken cancellationToken)
    {
        var album = await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.Id == albumId && a.AccountId == account.Id, cancellationToken)
            ?? throw AlbumAccess.NotFound(albumId);
        // Through the account, hidden and secret albums are the owner's only; their link (/3/album/{id}) still reaches them.
        if (album.Privacy != AlbumPrivacies.Public && caller.AccountId != account.Id)
        {
            throw ApiException.Forbidden("Unauthorized");
        }
        return (await presenter.ModelsAsync(context, caller, [album], withImages: true, cancellationToken))[0];
    }

    /// <summary>Deletes one of the account's albums, by id or deletehash. Its images stay: they are the account's.</summary>
    public async Task DeleteAsync(Account account, string albumIdOrDeleteHash, CancellationToken cancellationToken)
    {
        var album = await db.Albums.AsNoTracking()
            .SingleOrDefaultAsync(a => a.AccountId == account.Id && (a.Id == albumIdOrDeleteHash || a.DeleteHash == albumIdOrDeleteHash), cancellationToken)
            ?? throw AlbumAccess.NotFound(albumIdOrDeleteHash);
        if (!await removal.DeleteAsync(album.Id, cancellationToken))
        {
            throw AlbumAccess.NotFound(albumIdOrDeleteHash);
        }
    }

    private IQueryable<Album> Listed(Account account, Caller caller) =>
        db.Albums.AsNoTracking().Where(a => a.AccountId == account.Id && (caller.AccountId == account.Id || a.Privacy == AlbumPrivacies.Public));
}
