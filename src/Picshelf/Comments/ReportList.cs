using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>The operator's report list (<c>gallery reports</c>): reported posts and reported comments, each newest first.</summary>
public sealed record ReportList(IReadOnlyList<GalleryReportSummary> Posts, IReadOnlyList<CommentReportSummary> Comments);
