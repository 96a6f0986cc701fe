namespace Picshelf.Images;

/// <summary><c>Media:ViewFlushInterval</c>: how often the views and bandwidth counted in memory are written.</summary>
public sealed class ViewCountOptions
{
    public const string Section = "Media";

    public TimeSpan ViewFlushInterval { get; set; } = TimeSpan.FromSeconds(5);
}
