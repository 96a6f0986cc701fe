namespace Picshelf.Images;

/// <summary>
/// An animated image or uploaded video whose MP4 is still to be made (<see cref="RenditionWorker"/>). The row lives until the MP4 is made
/// or given up, so a restart resumes the work; the image's own <see cref="Image.Processing"/> says where it stands.
/// </summary>
public sealed class RenditionJob
{
    public required string ImageId { get; set; }

    /// <summary>What the MP4 is made from (<see cref="RenditionKinds"/>).</summary>
    public string Kind { get; set; } = RenditionKinds.Animation;

    /// <summary>Runs started so far, counted when a process takes the job.</summary>
    public int Attempts { get; set; }

    /// <summary>Unix seconds before which the job is not taken: the backoff after a failed run.</summary>
    public long NotBefore { get; set; }

    /// <summary>
    /// Unix seconds until which the process that took the job holds it. A process that stops mid-run leaves a lease
    /// that runs out, and the job is taken again.
    /// </summary>
    public long LeaseUntil { get; set; }

    /// <summary>The process holding the lease, so only it finishes the job.</summary>
    public string? LeaseOwner { get; set; }

    public long CreatedAt { get; set; }
}

/// <summary>The kinds of <see cref="RenditionJob"/>.</summary>
public static class RenditionKinds
{
    /// <summary>The looping MP4 of the animated GIF stored as the original.</summary>
    public const string Animation = "animation";

    /// <summary>The MP4 of the video stored as uploaded under <see cref="BlobKeys.Source"/>, which goes once the MP4 is made.</summary>
    public const string Video = "video";
}
