namespace Picshelf.Api;

/// <summary>A kind of item that the gallery and comments name by its id alone (images, albums), so ids are unique across every kind.</summary>
public interface IItemIdOwner
{
    Task<bool> OwnsAsync(string id, CancellationToken cancellationToken);
}
