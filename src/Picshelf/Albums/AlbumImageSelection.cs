using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// The images a request names for an album, in the order named: <c>ids[]</c>/<c>ids</c> and
/// <c>deletehashes[]</c>/<c>deletehashes</c>, as repeated fields, comma-separated strings or JSON arrays.
/// An owned album takes its owner's images by id and any image by its deletehash; an anonymous album only
/// images whose deletehashes are presented. Anything else refuses the whole request.
/// </summary>
public static class AlbumImageSelection
{
    public const int MaxImagesPerRequest = 1000;

    public static bool Names(IReadOnlyDictionary<string, string> fields) =>
        fields.ContainsKey("ids") || fields.ContainsKey("ids[]") || fields.ContainsKey("deletehashes") || fields.ContainsKey("deletehashes[]");

    public static async Task<List<string>> ResolveAsync(PicshelfDb db, IReadOnlyDictionary<string, string> fields, int? albumOwner,
        CancellationToken cancellationToken)
    {
        var ids = Values(fields, "ids");
        var deleteHashes = Values(fields, "deletehashes");
        if (ids.Count + deleteHashes.Count > MaxImagesPerRequest)
        {
            throw ApiException.BadRequest($"At most {MaxImagesPerRequest} images can be named in one request");
        }
        if (ids.Count > 0 && albumOwner is null)
        {
            throw ApiException.Forbidden("An anonymous album takes images by their deletehashes only");
        }
        var byId = ids.Count == 0 ? [] : await db.Images.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.AccountId }).ToDictionaryAsync(i => i.Id, i => i.AccountId, cancellationToken);
        var byDeleteHash = deleteHashes.Count == 0 ? [] : await db.Images.AsNoTracking().Where(i => deleteHashes.Contains(i.DeleteHash))
            .Select(i => new { i.Id, i.DeleteHash }).ToDictionaryAsync(i => i.DeleteHash, i => i.Id, cancellationToken);
        var chosen = new List<string>(ids.Count + deleteHashes.Count);
        foreach (var id in ids)
        {
            if (!byId.TryGetValue(id, out var owner))
            {
                throw ImageAccess.NotFound(id);
            }
            chosen.Add(owner == albumOwner ? id : throw ApiException.Forbidden($"You are not the owner of image {id}: add it by its deletehash"));
        }
        foreach (var deleteHash in deleteHashes)
        {
            chosen.Add(byDeleteHash.TryGetValue(deleteHash, out var id) ? id : throw ApiException.BadRequest($"No image has the deletehash {deleteHash}"));
        }
        return chosen.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The image ids a removal names, checked for shape only: removing what is not there changes nothing.</summary>
    public static List<string> Ids(IReadOnlyDictionary<string, string> fields)
    {
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
            if (raw.StartsWith('['))
            {
                try
                {
                    values.AddRange(JsonSerializer.Deserialize(raw, ImgurJson.Default.ListString) ?? []);
                }
                catch (JsonException)
                {
                    throw ApiException.BadRequest($"{key} must be a list of strings");
                }
                continue;
            }
            values.AddRange(raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
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
