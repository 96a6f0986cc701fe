using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>The submitter's name is searchable text: a renamed account's posts are found by the new name.</summary>
public sealed class GallerySearchRename(PicshelfDb db, GallerySearch search) : IAccountRenameListener
{
    public async Task AccountRenamedAsync(int accountId, CancellationToken cancellationToken)
    {
        foreach (var id in await db.GalleryItems.Where(i => i.AccountId == accountId).Select(i => i.Id).ToListAsync(cancellationToken))
        {
            await search.IndexAsync(id, cancellationToken);
        }
    }
}
