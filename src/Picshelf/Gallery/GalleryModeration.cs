using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// Reports and the operator's answers to them. An account reports a post once, with one of Imgur's reason codes or
/// none. A post reported by <see cref="GalleryOptions.ReportsToHide"/> distinct accounts leaves the public lists (it
/// still opens by its id) until the operator removes it from the gallery, marks it mature or keeps it as it is;
/// each decision clears its reports.
/// </summary>
public sealed class GalleryModeration(PicshelfDb db, IDatabaseDialect dialect, GallerySharing sharing, IOptions<GalleryOptions> options, TimeProvider time)
{
    public async Task ReportAsync(Caller caller, string id, GalleryItemKind kind, string? reason, CancellationToken cancellationToken)
    {
        var accountId = GalleryAccess.SignedIn(caller);
        var code = GalleryReportReasons.Parse(reason);
        await GalleryAccess.FindAsync(db, id, kind, cancellationToken);
        if (await db.GalleryReports.AnyAsync(r => r.ItemId == id && r.AccountId == accountId, cancellationToken))
        {
            throw AlreadyReported();
        }
        var report = new GalleryReport { ItemId = id, AccountId = accountId, Reason = code, CreatedAt = time.GetUtcNow().ToUnixTimeSeconds() };
        db.GalleryReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(report).State = EntityState.Detached;
            // The same account reporting twice at once, or the post removed meanwhile.
            throw await db.GalleryItems.AnyAsync(i => i.Id == id, CancellationToken.None) ? AlreadyReported() : GalleryAccess.NotFound(id);
        }
        if (await db.GalleryReports.CountAsync(r => r.ItemId == id, cancellationToken) >= options.Value.ReportsToHide)
        {
            await db.GalleryItems.Where(i => i.Id == id).ExecuteUpdateAsync(set => set.SetProperty(i => i.Hidden, true), cancellationToken);
        }
    }

    /// <summary>Every reported post, the most recently reported first.</summary>
    public async Task<List<GalleryReportSummary>> ReportsAsync(CancellationToken cancellationToken)
    {
        var tallies = await db.GalleryReports.GroupBy(r => new { r.ItemId, r.Reason })
            .Select(g => new { g.Key.ItemId, g.Key.Reason, Count = g.Count(), Latest = g.Max(r => r.CreatedAt) }).ToListAsync(cancellationToken);
        var ids = tallies.Select(t => t.ItemId).Distinct().ToList();
        var items = await (
            from item in db.GalleryItems.AsNoTracking()
            where ids.Contains(item.Id)
            select new { Item = item, Submitter = db.Accounts.Where(a => a.Id == item.AccountId).Select(a => a.Username).FirstOrDefault() })
            .ToDictionaryAsync(i => i.Item.Id, cancellationToken);
        return tallies.GroupBy(t => t.ItemId).Where(g => items.ContainsKey(g.Key)).Select(g =>
        {
            var (item, submitter) = (items[g.Key].Item, items[g.Key].Submitter);
            var reasons = g.ToDictionary(t => GalleryReportReasons.Describe(t.Reason), t => t.Count);
            return new GalleryReportSummary(item.Id, item.IsAlbum, item.Title, submitter, g.Sum(t => t.Count), reasons, g.Max(t => t.Latest), item.Hidden,
                item.Mature);
        }).OrderByDescending(s => s.LatestReport).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Takes a post out of the gallery; the image or album stays with its owner.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await sharing.RemoveAsync(id, ownerId: null, cancellationToken);
        return true;
    }

    /// <summary>Keeps a post in the gallery as mature: it is listed again, to those who ask for mature posts.</summary>
    public Task<bool> MarkMatureAsync(string id, CancellationToken cancellationToken) => DecideAsync(id, mature: true, cancellationToken);

    /// <summary>Keeps a post in the gallery as it is.</summary>
    public Task<bool> KeepAsync(string id, CancellationToken cancellationToken) => DecideAsync(id, mature: false, cancellationToken);

    private async Task<bool> DecideAsync(string id, bool mature, CancellationToken cancellationToken)
    {
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        var updated = await db.GalleryItems.Where(i => i.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.Hidden, false)
            .SetProperty(i => i.Mature, i => i.Mature || mature), cancellationToken);
        if (updated == 0)
        {
            throw GalleryAccess.NotFound(id);
        }
        await db.GalleryReports.Where(r => r.ItemId == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static ApiException AlreadyReported() => ApiException.Conflict("You have already reported this post");
}
