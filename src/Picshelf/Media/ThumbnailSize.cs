namespace Picshelf.Media;

/// <summary>Imgur's thumbnail suffixes (docs/imgur-compatibility.md §9.2): squares are cropped, the rest fit and never upscale.</summary>
public sealed record ThumbnailSize(char Suffix, int Box, bool Crop)
{
    public static readonly ThumbnailSize SmallSquare = new('s', 90, true);
    public static readonly ThumbnailSize BigSquare = new('b', 160, true);
    public static readonly ThumbnailSize Small = new('t', 160, false);
    public static readonly ThumbnailSize Medium = new('m', 320, false);
    public static readonly ThumbnailSize Large = new('l', 640, false);
    public static readonly ThumbnailSize Huge = new('h', 1024, false);

    public static readonly IReadOnlyList<ThumbnailSize> All = [SmallSquare, BigSquare, Small, Medium, Large, Huge];

    public static ThumbnailSize? FromSuffix(char suffix) => suffix switch
    {
        's' => SmallSquare,
        'b' => BigSquare,
        't' => Small,
        'm' => Medium,
        'l' => Large,
        'h' => Huge,
        _ => null,
    };
}
