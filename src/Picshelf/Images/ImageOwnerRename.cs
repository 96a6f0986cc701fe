using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.Images;

/// <summary>Cached images carry their owner's name for <c>account_url</c>: a renamed account's images are read afresh.</summary>
public sealed class ImageOwnerRename(PicshelfDb db, ImageDirectory directory) : IAccountRenameListener
{
    public async Task AccountRenamedAsync(int accountId, CancellationToken cancellationToken)
    {
        foreach (var imageId in await db.Images.Where(i => i.AccountId == accountId).Select(i => i.Id).ToListAsync(cancellationToken))
        {
            directory.Forget(imageId);
        }
    }
}
