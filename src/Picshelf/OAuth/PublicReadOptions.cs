namespace Picshelf.OAuth;

/// <summary>Whether the public reads answer a caller without credentials; off, every call without them is 401 as on Imgur.</summary>
public sealed class PublicReadOptions
{
    public const string Section = "PublicReads";

    public bool Enabled { get; set; } = true;
}
