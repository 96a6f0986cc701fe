namespace Picshelf.Data;

/// <summary>
/// What the two databases do differently; everything else is one code path. Chosen with
/// <c>Database:Provider</c> beside the <see cref="PicshelfDb"/> it serves.
/// </summary>
public interface IDatabaseDialect
{
    /// <summary>
    /// Begins a transaction that writes. On SQLite writers queue here, first come first served: one process owns the
    /// file, and SQLite's own busy handler polls with growing sleeps, so under a burst of writers some waited seconds
    /// while later ones went first.
    /// </summary>
    Task<WriteTransaction> BeginWriteAsync(PicshelfDb db, CancellationToken cancellationToken);

    /// <summary>
    /// Makes this transaction the album's only writer until it ends, for changes that read the album's order and
    /// write a new one. Call it inside a transaction and dispose the result after committing.
    /// </summary>
    Task<IAsyncDisposable> LockAlbumAsync(PicshelfDb db, string albumId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes this process the only one migrating the database until the result is disposed. EF Core's own lock is taken
    /// per migration, so two processes starting together could each apply a migration the other just applied.
    /// </summary>
    Task<IAsyncDisposable> LockMigrationsAsync(PicshelfDb db, CancellationToken cancellationToken);

    /// <summary>The same for a gallery post, for changes that read its votes and write new tallies.</summary>
    Task<IAsyncDisposable> LockGalleryItemAsync(PicshelfDb db, string itemId, CancellationToken cancellationToken);

    /// <summary>The same for a comment, for votes that read the comment's votes and write its tallies.</summary>
    Task<IAsyncDisposable> LockCommentAsync(PicshelfDb db, long commentId, CancellationToken cancellationToken);

    /// <summary>
    /// Locks these tags' rows until the transaction ends, in name order, before their posts' tag rows are added or
    /// removed: a trigger moves each tag's post count, and without one order two posts with tags in common would each
    /// hold a tag the other waits for.
    /// </summary>
    Task LockTagsAsync(PicshelfDb db, IReadOnlyCollection<string> names, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the account until the transaction ends: shared by a vote or comment, so a deletion waits for it, or
    /// exclusive for the deletion itself, so no vote or comment starts under an account whose votes are being taken back.
    /// Taken before any other lock. False when the account is gone.
    /// </summary>
    Task<bool> LockAccountAsync(PicshelfDb db, int accountId, bool exclusive, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the access grant of a refresh token until the transaction ends, for refreshes that read the grant's access
    /// tokens and write one more; it also waits for a revocation deleting the grant, so the refresh then finds no grant.
    /// </summary>
    Task LockAccessGrantAsync(PicshelfDb db, string refreshTokenDigest, CancellationToken cancellationToken);
}
