namespace Picshelf.Gallery;

public sealed class TagFollow
{
    public int AccountId { get; set; }
    public required string TagName { get; set; }
    public long CreatedAt { get; set; }
}
