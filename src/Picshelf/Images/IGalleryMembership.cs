namespace Picshelf.Images;

/// <summary>Which images and albums are posted to the gallery (the gallery feature provides it), for <c>in_gallery</c> and for deletions.</summary>
public interface IGalleryMembership
{
    /// <summary>The ids of the images posted to the gallery, to compose into a query that reads images (their <c>in_gallery</c>).</summary>
    IQueryable<string> PostedImageIds { get; }

    /// <summary>Those of the albums and of the images that are in the gallery, in one query.</summary>
    Task<GalleryPosts> PostedAsync(IReadOnlyCollection<string> albumIds, IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the posts of deleted images, and of a deleted album when one is named, out of the gallery (their gallery
    /// favorites go through their foreign key). Runs in the caller's transaction.
    /// </summary>
    Task WithdrawAsync(IReadOnlyCollection<string> imageIds, string? albumId, CancellationToken cancellationToken);

    /// <summary>An image's or album's title or description changed: its post, if it has one, is found by the new words.</summary>
    Task TextChangedAsync(string id, CancellationToken cancellationToken);
}

/// <summary>Which of the albums and images asked about are gallery posts.</summary>
public sealed record GalleryPosts(HashSet<string> Albums, HashSet<string> Images);
