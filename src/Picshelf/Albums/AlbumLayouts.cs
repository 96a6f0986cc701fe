namespace Picshelf.Albums;

public static class AlbumLayouts
{
    public const string Blog = "blog";

    public static bool IsValid(string value) => value is Blog or "grid" or "horizontal" or "vertical";
}
