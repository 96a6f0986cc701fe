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

    public UploadStaging(IOptions<StorageOptions> options)
    {
        directory = options.Value.StagingDirectory;
        Directory.CreateDirectory(directory);
    }

    public StagedFile NewFile() => new(Path.Combine(directory, Guid.NewGuid().ToString("N")));

    /// <summary>Removes what a crashed process left behind; recent files may belong to another process's upload.</summary>
    public void RemoveLeftovers()
    {
        var abandoned = DateTime.UtcNow - TimeSpan.FromHours(1);
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles().Where(f => f.LastWriteTimeUtc < abandoned))
        {
            file.Delete();
        }
    }
}

public sealed class StagedFile(string path) : IDisposable
{
    public string Path { get; } = path;

    public long Length => new FileInfo(Path).Length;

    public FileStream OpenWrite() => new(Path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);

    public FileStream OpenRead() => new(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    /// <summary>The first bytes of the file, at most <paramref name="count"/>.</summary>
    public byte[] ReadHead(int count)
    {
        var head = new byte[count];
        using var file = File.OpenRead(Path);
        return head[..file.ReadAtLeast(head, count, throwOnEndOfStream: false)];
    }

    public void Dispose() => File.Delete(Path);
}
