namespace Picshelf.Api;

/// <summary>The <c>privacy</c> values of albums, and of an account's default for new ones.</summary>
public static class AlbumPrivacies
{
    public const string Public = "public";
    public const string Hidden = "hidden";
    public const string Secret = "secret";

    public static bool IsValid(string value) => value is Public or Hidden or Secret;
}
