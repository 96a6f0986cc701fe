namespace Picshelf.Media;

/// <summary>What an upload becomes once checked: the facts read from the stored bytes.</summary>
public sealed record PreparedImage(ImageFormat Format, int Width, int Height, bool Animated, long Size);
