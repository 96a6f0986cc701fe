using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Picshelf.Images;

/// <summary>Imgur's identifier shapes: 7-character base62 ids, 15-character deletehashes, unguessable.</summary>
public static class IdGenerator
{
    public const int IdLength = 7;
    public const int DeleteHashLength = 15;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly System.Buffers.SearchValues<char> AlphabetValues = System.Buffers.SearchValues.Create(Alphabet);

    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, IdLength);

    /// <summary>
    /// An id no image and no album has: the gallery and comments name an item by its id alone, whichever kind
    /// it is, so the two share one id space.
    /// </summary>
    public static async Task<string> NewItemIdAsync(Data.PicshelfDb db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var id = NewId();
            if (!await db.Images.AnyAsync(i => i.Id == id, cancellationToken) && !await db.Albums.AnyAsync(a => a.Id == id, cancellationToken))
            {
                return id;
            }
        }
    }

    public static string NewDeleteHash() => RandomNumberGenerator.GetString(Alphabet, DeleteHashLength);

    /// <summary>Whether a direct-link name is exactly an image id, not an id with a thumbnail suffix.</summary>
    public static bool IsId(string value) => value.Length == IdLength && IsWellFormed(value);

    /// <summary>Whether a path segment can be an id or deletehash at all; anything else is not looked up.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length is >= 5 and <= DeleteHashLength && !value.AsSpan().ContainsAnyExcept(AlphabetValues);
}
