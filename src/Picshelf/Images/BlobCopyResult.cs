namespace Picshelf.Images;

public sealed record BlobCopyResult(int Total, int Copied, int Skipped, long BytesCopied);
