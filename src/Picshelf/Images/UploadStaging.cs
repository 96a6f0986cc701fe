using Microsoft.Extensions.Options;
using Picshelf.Storage;

namespace Picshelf.Images;

/// <summary>
/// Scratch files for uploads in progress: bodies are streamed to disk instead of memory, and every
/// file is removed when the upload ends, whether it succeeded or not.
/// </summary>
public sealed class UploadStaging
{
    private readonly string directory;
    private readonly TimeProvider time;

    public UploadStaging(IOptions<StorageOptions> options, TimeProvider time)
    {
        this.time = time;
        directory = options.Value.StagingDirectory;
        Directory.CreateDirectory(directory);
    }

    /// <param name="extension">A suffix for tools that choose their output's format by the name (<c>.png</c>).</param>
    public StagedFile NewFile(string extension = "") => new(Path.Combine(directory, Guid.NewGuid().ToString("N") + extension));

    /// <summary>Removes what a crashed process left behind; recent files may belong to another process's upload.</summary>
    public void RemoveLeftovers()
    {
        var abandoned = time.GetUtcNow().UtcDateTime - TimeSpan.FromHours(1);
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles().Where(f => f.LastWriteTimeUtc < abandoned))
        {
            file.Delete();
        }
    }
}
