namespace Picshelf.Comments;

/// <summary>What <c>gallery reports</c> prints of one reported comment: where it is, what it says, how often and why it was reported.</summary>
public sealed record CommentReportSummary(long Id, string ImageId, string Comment, string? Author, int Reports, IReadOnlyDictionary<string, int> Reasons,
    long LatestReport);
