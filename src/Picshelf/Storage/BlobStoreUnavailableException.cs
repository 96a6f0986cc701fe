namespace Picshelf.Storage;

/// <summary>The blob store could not be reached or refused the operation; the request may succeed later.</summary>
public sealed class BlobStoreUnavailableException(string key, Exception cause)
    : Exception($"The blob store failed on {key}: {cause.Message}", cause);
