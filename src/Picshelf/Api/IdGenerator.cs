using System.Security.Cryptography;

namespace Picshelf.Api;

/// <summary>Imgur's identifier shapes: 7-character base62 ids, 15-character deletehashes, unguessable.</summary>
public static class IdGenerator
{
    public const int IdLength = 7;
    public const int DeleteHashLength = 15;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly System.Buffers.SearchValues<char> AlphabetValues = System.Buffers.SearchValues.Create(Alphabet);

    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, IdLength);

    /// <summary>The id read as a base-62 number: an id of seven characters fits in 42 bits.</summary>
    public static long NumberOf(string id) => id.Aggregate(0L, (value, c) => value * 62 + Alphabet.IndexOf(c, StringComparison.Ordinal));

    public static string NewDeleteHash() => RandomNumberGenerator.GetString(Alphabet, DeleteHashLength);

    /// <summary>Whether a direct-link name is exactly an image id, not an id with a thumbnail suffix.</summary>
    public static bool IsId(string value) => value.Length == IdLength && IsWellFormed(value);

    /// <summary>Whether a path segment can be an id or deletehash at all; anything else is not looked up.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length is >= 5 and <= DeleteHashLength && !value.AsSpan().ContainsAnyExcept(AlphabetValues);
}
