using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Gallery;

/// <summary>
/// Sharing an image or album to the gallery, and taking it back. Only its owner shares it, with a title, once the
/// account has accepted the gallery terms (<c>terms=1</c> or <c>terms=true</c> accepts them on the way), and with
/// <c>tags</c> and a <c>subreddit</c> section if it likes. Sharing again changes the post's title, topic and (when sent)
/// tags, may mark it mature, and keeps its votes and place. A secret album stays out of the
/// gallery: it is meant to be reachable only by its link.
/// </summary>
public sealed class GallerySharing(PicshelfDb db, IDatabaseDialect dialect, GalleryTagging tagging, GallerySearch search, GalleryPostDeletion deletion,
    ImageDirectory images, TimeProvider time)
{
    public const int TitleLength = 255;
    public const int TopicLength = 64;

    public async Task ShareAsync(Caller caller, string id, GalleryItemKind kind, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var accountId = GalleryAccess.SignedIn(caller);
        var title = fields.GetValueOrDefault("title")?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            throw ApiException.BadRequest("A title is required to share to the gallery");
        }
        if (title.Length > TitleLength)
        {
            throw ApiException.BadRequest($"The title is longer than {TitleLength} characters");
        }
        var topic = fields.GetValueOrDefault("topic")?.Trim();
        if (topic?.Length > TopicLength)
        {
            throw ApiException.BadRequest($"The topic is longer than {TopicLength} characters");
        }
        var mature = Flag(fields, "mature") ?? false;
        var tags = TagNames.ListIn(fields) is { } tagList ? TagNames.ParseList(tagList) : null;
        var section = fields.TryGetValue("subreddit", out var subreddit) && subreddit.Length > 0 ? GallerySections.Parse(subreddit) : null;
        var acceptsTerms = Flag(fields, "terms") ?? false;

        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        await GalleryAccess.HoldAccountAsync(db, dialect, accountId, cancellationToken);
        // Then the album's lock, as album edits take it: its privacy cannot turn secret while it is being shared. The
        // post's lock orders this against votes, retagging and removal of the same post.
        await using var albumLock = kind == GalleryItemKind.Image ? null : await dialect.LockAlbumAsync(db, id, cancellationToken);
        await using var itemLock = await dialect.LockGalleryItemAsync(db, id, cancellationToken);
        var (isAlbum, ownerId) = await FindShareableAsync(id, kind, cancellationToken);
        if (ownerId != accountId)
        {
            throw ApiException.Forbidden("Only the owner can share this to the gallery");
        }
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        if (!account.AcceptedGalleryTerms && !acceptsTerms)
        {
            throw ApiException.Forbidden("Accept the gallery terms to share: send terms=1, or set accepted_gallery_terms in the account settings");
        }

        account.AcceptedGalleryTerms = true;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var existing = await db.GalleryItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (existing is null)
        {
            db.GalleryItems.Add(new GalleryItem
            {
                Id = id,
                IsAlbum = isAlbum,
                AccountId = accountId,
                Title = title,
                Topic = string.IsNullOrEmpty(topic) ? null : topic,
                Mature = mature,
                Section = section,
                CreatedAt = now,
                HotScore = GalleryRanking.Hot(0, 0, now),
            });
        }
        else
        {
            existing.Title = title;
            existing.Topic = string.IsNullOrEmpty(topic) ? null : topic;
            // Sharing again may mark the post mature but never clears the flag: an operator may have set it.
            existing.Mature |= mature;
            existing.Section = section ?? existing.Section;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (existing is null)
        {
            throw ApiException.Conflict("This is being shared by another request at the same moment: try again");
        }
        if (tags is not null)
        {
            await tagging.SetAsync(id, accountId, tags, cancellationToken);
        }
        await search.IndexAsync(id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ForgetInGallery(id, isAlbum);
    }

    /// <summary>Takes the owner's post out of the gallery; its votes go with it. The image or album itself stays.</summary>
    public Task RemoveAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        RemoveAsync(id, GalleryAccess.SignedIn(caller), cancellationToken);

    /// <summary>Takes a post out of the gallery: its owner's (<paramref name="ownerId"/>), or any post when the operator asks (null).</summary>
    public async Task RemoveAsync(string id, int? ownerId, CancellationToken cancellationToken)
    {
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        await using var itemLock = await dialect.LockGalleryItemAsync(db, id, cancellationToken);
        var item = await GalleryAccess.FindAsync(db, id, GalleryItemKind.Any, cancellationToken);
        if (ownerId is not null && item.AccountId != ownerId)
        {
            throw ApiException.Forbidden("Only the owner can remove this from the gallery");
        }
        await deletion.DeleteAsync([id], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ForgetInGallery(id, item.IsAlbum);
    }

    /// <summary>After the commit, so no read can cache the image's <c>in_gallery</c> as it was (<see cref="ImageDirectory"/>).</summary>
    private void ForgetInGallery(string id, bool isAlbum)
    {
        if (!isAlbum)
        {
            images.Forget(id);
        }
    }

    /// <summary>The image or album to share, as the route names it; a secret album is refused with the reason.</summary>
    private async Task<(bool IsAlbum, int? OwnerId)> FindShareableAsync(string id, GalleryItemKind kind, CancellationToken cancellationToken)
    {
        if (IdGenerator.IsWellFormed(id))
        {
            if (kind != GalleryItemKind.Album
                && await db.Images.Where(i => i.Id == id).Select(i => new { i.AccountId }).SingleOrDefaultAsync(cancellationToken) is { } image)
            {
                return (false, image.AccountId);
            }
            if (kind != GalleryItemKind.Image
                && await db.Albums.Where(a => a.Id == id).Select(a => new { a.AccountId, a.Privacy }).SingleOrDefaultAsync(cancellationToken) is { } album)
            {
                return album.Privacy == AlbumPrivacies.Secret
                    ? throw ApiException.BadRequest("A secret album cannot be shared to the gallery: make it public or hidden first")
                    : (true, album.AccountId);
            }
        }
        throw kind switch
        {
            GalleryItemKind.Image => ApiException.NotFound($"Unable to find an image with the id, {id}"),
            GalleryItemKind.Album => ApiException.NotFound($"Unable to find an album with the id, {id}"),
            _ => ApiException.NotFound($"Unable to find an image or album with the id, {id}"),
        };
    }

    private static bool? Flag(IReadOnlyDictionary<string, string> fields, string key) =>
        !fields.TryGetValue(key, out var value) || value.Length == 0 ? null
        : value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" ? true
        : value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0" ? false
        : throw ApiException.BadRequest($"{key} must be true or false");
}
