using System.ComponentModel.DataAnnotations;

namespace Picshelf.Comments;

/// <summary>The <c>Comments</c> settings.</summary>
public sealed class CommentOptions
{
    public const string Section = "Comments";

    /// <summary>How many comments a post holds: a post's thread is answered whole, as Imgur answers it, so it is bounded here.</summary>
    [Range(1, 1_000_000)]
    public int MaxPerPost { get; set; } = 10_000;

    /// <summary>How much memory the threads kept ready to answer may take in each process (<see cref="CommentTreeCache"/>).</summary>
    [Range(1, 1_000_000)]
    public int TreeCacheMegabytes { get; set; } = 64;
}
