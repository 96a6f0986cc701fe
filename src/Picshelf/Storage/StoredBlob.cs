namespace Picshelf.Storage;

/// <summary>What a listing of the store tells about one blob.</summary>
public sealed record StoredBlob(string Key, long Length, DateTimeOffset LastModified);
