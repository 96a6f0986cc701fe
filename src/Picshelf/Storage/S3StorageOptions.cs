namespace Picshelf.Storage;

public sealed class S3StorageOptions
{
    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:9000</c> for MinIO; unset means AWS in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string? Bucket { get; set; }

    /// <summary>Put before every key, so several installations can share one bucket.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Addresses the bucket as <c>host/bucket</c> instead of <c>bucket.host</c>, for servers without wildcard DNS.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Unset: the SDK's own credential chain (environment, instance profile).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Longest one request to the store may take before the upload or read answers 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
