using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.Images;

/// <summary>An account's image rows go with it through their foreign key; their files and cached rows go once that is committed.</summary>
public sealed class ImagesAccountDeletion(PicshelfDb db, ImageRemoval removal) : IAccountDeletionStep
{
    public async Task<Func<Task>> DeleteAsync(int accountId, CancellationToken cancellationToken)
    {
        var imageIds = await db.Images.Where(i => i.AccountId == accountId).Select(i => i.Id).ToListAsync(cancellationToken);
        return async () =>
        {
            foreach (var imageId in imageIds)
            {
                await removal.RemoveFilesAsync(imageId);
            }
        };
    }
}
