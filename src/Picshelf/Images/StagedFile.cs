namespace Picshelf.Images;

/// <summary>One upload's scratch file, deleted when disposed.</summary>
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
