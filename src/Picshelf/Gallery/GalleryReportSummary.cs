namespace Picshelf.Gallery;

/// <summary>What <c>gallery reports</c> prints of one reported post: how often and why it was reported, and whether that hid it.</summary>
public sealed record GalleryReportSummary(string Id, bool IsAlbum, string Title, string? AccountUrl, int Reports, IReadOnlyDictionary<string, int> Reasons,
    long LatestReport, bool Hidden, bool Mature);
