using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.Images;

/// <summary>What the operator's <c>users list</c> and <c>stats</c> read of the images.</summary>
public sealed class ImageCounts(PicshelfDb db)
{
    /// <summary>How many images each of the accounts owns (accounts without any are left out).</summary>
    public async Task<Dictionary<int, int>> ByAccountAsync(IReadOnlyCollection<int> accountIds, CancellationToken cancellationToken) =>
        await db.Images.Where(i => i.AccountId != null && accountIds.Contains(i.AccountId.Value)).GroupBy(i => i.AccountId!.Value)
            .Select(g => new { Account = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Account, g => g.Count, cancellationToken);

    /// <summary>
    /// The images and the bytes their rows account for: each original, MP4, and HEIC or JPEG XL kept as uploaded.
    /// Thumbnails and variants, made again on request, and videos' uploads waiting for their MP4 are not counted.
    /// </summary>
    public async Task<(int Images, long Bytes)> TotalAsync(CancellationToken cancellationToken)
    {
        var totals = await db.Images.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Bytes = g.Sum(i => (long)i.Size + i.Mp4Size + (i.SourceSize ?? 0)) }).SingleOrDefaultAsync(cancellationToken);
        return (totals?.Count ?? 0, totals?.Bytes ?? 0);
    }
}
