using System.ComponentModel.DataAnnotations;

namespace Picshelf.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Holds the SQLite database, the blobs and upload staging files. Created on first start.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string BlobDirectory => Path.Combine(FullDataDirectory, "blobs");

    public string StagingDirectory => Path.Combine(FullDataDirectory, "staging");
}
