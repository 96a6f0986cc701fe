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
