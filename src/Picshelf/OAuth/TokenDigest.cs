using System.Security.Cryptography;
using System.Text;

namespace Picshelf.OAuth;

/// <summary>Random secrets and the digests they are stored as.</summary>
public static class TokenDigest
{
    /// <summary>160 random bits as 40 hex digits, the shape of Imgur's tokens.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
