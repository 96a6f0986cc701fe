namespace Picshelf.Images;

/// <summary>The values of the Image model's <c>processing.status</c>, as Imgur reports a video's (docs/imgur-compatibility.md §8.3).</summary>
public static class RenditionStates
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
