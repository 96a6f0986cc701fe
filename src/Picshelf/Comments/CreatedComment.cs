namespace Picshelf.Comments;

/// <summary>What creating a comment answers: <c>{"id": …}</c> (docs/imgur-compatibility.md §8.6).</summary>
public sealed record CreatedComment(long Id);
