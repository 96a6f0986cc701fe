namespace Picshelf.Api;

/// <summary>What <c>/readyz</c> found: each part answered, or the part is not used.</summary>
public sealed record ReadinessModel(string Database, string BlobStore, string Redis);
