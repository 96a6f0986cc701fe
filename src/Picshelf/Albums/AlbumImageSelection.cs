using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// The images a request names for an album, in the order named: <c>ids[]</c>/<c>ids</c> and
/// <c>deletehashes[]</c>/<c>deletehashes</c>, as repeated fields, comma-separated strings or JSON arrays.
/// <c>deletehashes</c> takes any image by its deletehash. In <c>ids</c>, an image already in the album is taken by its
/// id (so the images can be set again or reordered by id); an owned album also takes its owner's other images by id;
/// an anonymous album takes a new image only by its deletehash, which may come in <c>ids</c> too, since imgurpython has
/// no other field to send it in. Anything else refuses the whole request before anything changes.
/// </summary>
public static class AlbumImageSelection
{
    public const int MaxImagesPerRequest = 1000;

    public static bool Names(IReadOnlyDictionary<string, string> fields) =>
        fields.ContainsKey("ids") || fields.ContainsKey("ids[]") || fields.ContainsKey("deletehashes") || fields.ContainsKey("deletehashes[]");

    /// <summary>The ids of the images named, without repeats.</summary>
    /// <param name="albumOwner">The album's owner; <see langword="null"/> for an anonymous album.</param>
    /// <param name="inAlbum">The album's images now (none while it is being created).</param>
    public static async Task<List<string>> ResolveAsync(PicshelfDb db, IReadOnlyDictionary<string, string> fields, int? albumOwner,
        IReadOnlyCollection<string> inAlbum, CancellationToken cancellationToken)
    {
        var ids = Values(fields, "ids");
        var deleteHashes = Values(fields, "deletehashes");
        if (ids.Count + deleteHashes.Count > MaxImagesPerRequest)
        {
            throw ApiException.BadRequest($"At most {MaxImagesPerRequest} images can be named in one request");
        }
        var anonymous = albumOwner is null;
        List<string> hashesSought = anonymous ? [.. deleteHashes, .. ids] : deleteHashes;
        var found = ids.Count + deleteHashes.Count == 0 ? [] : await db.Images.AsNoTracking()
            .Where(i => ids.Contains(i.Id) || hashesSought.Contains(i.DeleteHash))
            .Select(i => new { i.Id, i.DeleteHash, i.AccountId }).ToListAsync(cancellationToken);
        var ownerById = found.ToDictionary(i => i.Id, i => i.AccountId, StringComparer.Ordinal);
        var idByDeleteHash = found.ToDictionary(i => i.DeleteHash, i => i.Id, StringComparer.Ordinal);
        var present = inAlbum.ToHashSet(StringComparer.Ordinal);

        string ImageNamedInIds(string value)
        {
            // A deletehash first, as everywhere one slot takes either (docs/imgur-compatibility.md §6.2).
            if (anonymous && idByDeleteHash.TryGetValue(value, out var byDeleteHash))
            {
                return byDeleteHash;
            }
            if (!ownerById.TryGetValue(value, out var imageOwner))
            {
                throw anonymous ? ApiException.NotFound($"No image has the id or deletehash {value}") : ImageAccess.NotFound(value);
            }
            if (present.Contains(value) || (!anonymous && imageOwner == albumOwner))
            {
                return value;
            }
            throw ApiException.Forbidden(anonymous
                ? $"Image {value} is not in this album: an anonymous album takes new images by their deletehashes"
                : $"You are not the owner of image {value}: add it by its deletehash");
        }

        var chosen = new List<string>(ids.Count + deleteHashes.Count);
        chosen.AddRange(ids.Select(ImageNamedInIds));
        foreach (var deleteHash in deleteHashes)
        {
            chosen.Add(idByDeleteHash.TryGetValue(deleteHash, out var id) ? id : throw ApiException.NotFound($"No image has the deletehash {deleteHash}"));
        }
        return chosen.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The images a removal names. From an owned album, the ids as sent, checked for shape only: removing what is not
    /// there changes nothing. From an anonymous album, by the rule of <see cref="ResolveAsync"/>, so the deletehashes
    /// imgurpython sends in <c>ids</c> reach their images.
    /// </summary>
    public static async Task<List<string>> ForRemovalAsync(PicshelfDb db, IReadOnlyDictionary<string, string> fields, int? albumOwner,
        IReadOnlyCollection<string> inAlbum, CancellationToken cancellationToken)
    {
        if (albumOwner is null)
        {
            return await ResolveAsync(db, fields, albumOwner, inAlbum, cancellationToken);
        }
        var ids = Values(fields, "ids");
        return ids.Count <= MaxImagesPerRequest ? ids : throw ApiException.BadRequest($"At most {MaxImagesPerRequest} images can be named in one request");
    }

    /// <summary>The values of <c>name</c> and <c>name[]</c>: form fields arrive joined by commas, JSON bodies as arrays.</summary>
    private static List<string> Values(IReadOnlyDictionary<string, string> fields, string name)
    {
        var values = new List<string>();
        foreach (var key in new[] { name, name + "[]" })
        {
            if (!fields.TryGetValue(key, out var raw) || raw.Length == 0)
            {
                continue;
            }
            values.AddRange(RequestFields.JsonStrings(raw, key) ?? [.. raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        }
        foreach (var value in values)
        {
            if (!IdGenerator.IsWellFormed(value))
            {
                throw ApiException.BadRequest($"'{value}' is not an image id or deletehash");
            }
        }
        return values;
    }
}
