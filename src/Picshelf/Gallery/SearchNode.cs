namespace Picshelf.Gallery;

/// <summary>The syntax tree of a gallery search, as <see cref="SearchQuery"/> reads it; compiled to SQL by <see cref="GallerySearch"/>.</summary>
public abstract record SearchNode
{
    /// <summary>
    /// Words that must appear in this order (one word is a phrase of one), in a field or anywhere in the post's text: runs
    /// of letters and digits, case folded, separated by single spaces.
    /// </summary>
    public sealed record Text(string Phrase, string? Field) : SearchNode;

    /// <summary>A field that is not text: <c>tag:</c>, <c>user:</c>, <c>ext:</c>, <c>subreddit:</c>, <c>meme:</c>, and the advanced type and size.</summary>
    public sealed record Filter(string Field, string Value) : SearchNode;

    public sealed record Both(SearchNode Left, SearchNode Right) : SearchNode;

    public sealed record Either(SearchNode Left, SearchNode Right) : SearchNode;

    /// <summary>Posts the operand does not match: NOT, and <c>q_not</c>.</summary>
    public sealed record Without(SearchNode Operand) : SearchNode;
}
