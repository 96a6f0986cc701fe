namespace Picshelf.Media;

/// <summary>
/// An animation's frames as libvips decodes them (<see cref="IImageProcessor.OpenAnimation"/>), for ffmpeg, which cannot
/// decode an animated WebP: each frame is <see cref="Width"/> x <see cref="Height"/> RGB bytes, transparency flattened.
/// </summary>
/// <param name="Delays">How long each frame shows, in milliseconds, as the file says.</param>
/// <param name="Frames">The frames in order, each decoded only when enumerated.</param>
public sealed record Animation(int Width, int Height, IReadOnlyList<int> Delays, IEnumerable<byte[]> Frames);
