namespace Picshelf.Api;

/// <summary>What images and albums share: an id, a deletehash handed to whoever created it, and maybe an owner.</summary>
public interface IManagedByDeleteHash
{
    string Id { get; }
    string DeleteHash { get; }
    int? AccountId { get; }
}
