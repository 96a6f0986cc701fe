using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Storage;

namespace Picshelf.Images;

/// <summary>What <c>backup</c> and <c>restore</c> print: the backup's folder, its files and their bytes.</summary>
public sealed record BackupResult(string Directory, int Files, long Bytes);

/// <summary>One file of a backup as its manifest lists it, by its path inside the backup's folder.</summary>
public sealed record BackupFile(string Path, long Size, string Sha256);

/// <summary>The backup's <c>manifest.json</c>.</summary>
public sealed record BackupManifest(int Format, long CreatedAt, IReadOnlyList<BackupFile> Files);

/// <summary>
/// <c>backup --to DIR</c> and <c>restore --from DIR</c> of an install on the embedded database (docs/operations.md, Backups).
/// The backup is taken while the server serves: SQLite's <c>VACUUM INTO</c> writes a consistent copy of the database in one
/// read transaction, then every blob is copied (<see cref="BlobMaintenance.CopyAsync"/>, with its progress bar) and the cookie keys, then a
/// manifest lists every file with its size and SHA-256. An image uploaded after the database's copy may leave a blob no row
/// names, which <c>gc</c> removes after a restore; the copy of the database is the install's state. PostgreSQL keeps its
/// own tools (pg_dump), which the deployment guide's procedure uses.
/// A restore checks the whole backup against its manifest before it writes anything, and goes only into an empty data
/// folder; a backup or restore that fails part way removes what it wrote.
/// </summary>
/// <remarks>The blob store is taken from <paramref name="services"/> only once the data folder is known to be empty: the
/// filesystem store makes its folders as it is made.</remarks>
public sealed class InstallBackup(PicshelfDb db, IServiceProvider services, IOptions<StorageOptions> storage, IOptions<DatabaseOptions> database, TimeProvider time)
{
    private const string ManifestName = "manifest.json";
    private const string DatabaseName = "picshelf.db";
    private const string BlobsFolder = "blobs";
    // The keys that sign the site's cookies (Web/WebPages.cs keeps them here unless Web:KeysDirectory moves them): restored
    // with the rest, sessions and forms in flight stay valid.
    private const string KeysFolder = "keys";
    private static readonly JsonSerializerOptions ManifestJson = new(BackupJson.Default.Options) { WriteIndented = true };

    public async Task<BackupResult> BackupAsync(string to, TextWriter progress, CancellationToken cancellationToken)
    {
        RequireEmbeddedDatabase("backup");
        var folder = Path.GetFullPath(to);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new ArgumentException($"{folder} is not empty: a backup goes into a new or empty folder");
        }
        Directory.CreateDirectory(folder);
        try
        {
            // One statement, one read transaction: the copy is the database as it was at one instant, whatever writes run.
            await db.Database.ExecuteSqlAsync($"VACUUM INTO {Path.Combine(folder, DatabaseName)}", cancellationToken);
            await BlobMaintenance.CopyAsync(services.GetRequiredService<IBlobStore>(), BlobStoreIn(folder), progress, cancellationToken);
            CopyKeys(Path.Combine(storage.Value.FullDataDirectory, KeysFolder), Path.Combine(folder, KeysFolder));
            var files = new List<BackupFile>();
            foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(path => !IsScratch(folder, path)).Order(StringComparer.Ordinal))
            {
                files.Add(new BackupFile(Path.GetRelativePath(folder, path).Replace('\\', '/'), new FileInfo(path).Length, await HashAsync(path, cancellationToken)));
            }
            Directory.Delete(Path.Combine(folder, BlobsFolder, ".tmp"), recursive: true);
            var manifest = new BackupManifest(1, time.GetUtcNow().ToUnixTimeSeconds(), files);
            await File.WriteAllTextAsync(Path.Combine(folder, ManifestName), JsonSerializer.Serialize(manifest, ManifestJson), cancellationToken);
            return new BackupResult(folder, files.Count, files.Sum(file => file.Size));
        }
        catch (Exception failure)
        {
            Directory.Delete(folder, recursive: true);
            if (StorageFull.Caused(failure))
            {
                throw new IOException($"{folder} ran out of space; the partial backup was removed", failure);
            }
            throw;
        }
    }

    public async Task<BackupResult> RestoreAsync(string from, TextWriter progress, CancellationToken cancellationToken)
    {
        RequireEmbeddedDatabase("restore");
        var folder = Path.GetFullPath(from);
        var manifestPath = Path.Combine(folder, ManifestName);
        if (!File.Exists(manifestPath))
        {
            throw new ArgumentException($"{folder} holds no {ManifestName}: it is not a Picshelf backup");
        }
        var manifest = JsonSerializer.Deserialize(await File.ReadAllTextAsync(manifestPath, cancellationToken), BackupJson.Default.BackupManifest)
            ?? throw new ArgumentException($"{manifestPath} is empty");
        if (!manifest.Files.Any(file => file.Path == DatabaseName))
        {
            throw new ArgumentException($"{manifestPath} lists no {DatabaseName}: it is not a Picshelf backup");
        }
        var dataFolder = storage.Value.FullDataDirectory;
        if (Directory.Exists(dataFolder) && Directory.EnumerateFileSystemEntries(dataFolder).Any())
        {
            throw new ArgumentException($"The data folder {dataFolder} is not empty: restore goes into an empty one (--data DIR names another)");
        }
        foreach (var file in manifest.Files)
        {
            await VerifyAsync(folder, file, cancellationToken);
        }
        Directory.CreateDirectory(dataFolder);
        try
        {
            File.Copy(Path.Combine(folder, DatabaseName), DatabaseFile(), overwrite: false);
            await BlobMaintenance.CopyAsync(BlobStoreIn(folder), services.GetRequiredService<IBlobStore>(), progress, cancellationToken);
            CopyKeys(Path.Combine(folder, KeysFolder), Path.Combine(dataFolder, KeysFolder));
            return new BackupResult(folder, manifest.Files.Count, manifest.Files.Sum(file => file.Size));
        }
        catch
        {
            foreach (var entry in new DirectoryInfo(dataFolder).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
            throw;
        }
    }

    private void RequireEmbeddedDatabase(string verb)
    {
        if (!string.Equals(database.Value.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"{verb} covers the embedded database (SQLite); on PostgreSQL follow the backup procedure of docs/deployment.md (pg_dump, then the bucket)");
        }
    }

    private string DatabaseFile() =>
        database.Value.ConnectionString is { } connectionString
            ? Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource)
            : Path.Combine(storage.Value.FullDataDirectory, DatabaseName);

    /// <summary>The backup's blobs kept as the filesystem store keeps them, so the same copy writes and reads them.</summary>
    private FileSystemBlobStore BlobStoreIn(string folder) =>
        new(Options.Create(new StorageOptions { DataDirectory = folder }), time);

    /// <summary>The key files, into a folder only this user may open, as the server makes it.</summary>
    private static void CopyKeys(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }
        _ = OperatingSystem.IsWindows() ? Directory.CreateDirectory(to) : Directory.CreateDirectory(to, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var key in Directory.EnumerateFiles(from))
        {
            File.Copy(key, Path.Combine(to, Path.GetFileName(key)));
        }
    }

    private static bool IsScratch(string folder, string path) =>
        Path.GetRelativePath(folder, path).Replace('\\', '/').StartsWith($"{BlobsFolder}/.tmp/", StringComparison.Ordinal);

    /// <summary>A file the manifest names must be inside the backup (no <c>..</c>), present, and the same bytes.</summary>
    private static async Task VerifyAsync(string folder, BackupFile file, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(folder, file.Path));
        if (Path.IsPathRooted(file.Path) || !path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || !(file.Path == DatabaseName || file.Path.StartsWith(BlobsFolder + "/", StringComparison.Ordinal) || file.Path.StartsWith(KeysFolder + "/", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"The manifest names {file.Path}, which is not a file of a backup; nothing was restored");
        }
        if (!File.Exists(path))
        {
            throw new ArgumentException($"The backup is missing {file.Path}; nothing was restored");
        }
        if (new FileInfo(path).Length != file.Size || await HashAsync(path, cancellationToken) != file.Sha256)
        {
            throw new ArgumentException($"The backup's {file.Path} is damaged: its bytes differ from the manifest's size and SHA-256; nothing was restored");
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
