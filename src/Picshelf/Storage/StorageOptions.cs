using System.ComponentModel.DataAnnotations;

namespace Picshelf.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string FileSystem = "filesystem";
    public const string S3Provider = "s3";

    /// <summary>Holds the SQLite database, the blobs (with the filesystem store) and upload staging files. Created on first start.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary><c>filesystem</c> keeps blobs under the data directory; <c>s3</c> in the bucket <see cref="S3"/> names.</summary>
    public string Provider { get; set; } = FileSystem;

    public S3StorageOptions S3 { get; set; } = new();

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string BlobDirectory => Path.Combine(FullDataDirectory, "blobs");

    public string StagingDirectory => Path.Combine(FullDataDirectory, "staging");
}

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
