namespace Picshelf.Images;

public static class ImageLimits
{
    public const int TitleLength = 1024;
    public const int DescriptionLength = 10_000;
    public const int NameLength = 255;
}
