namespace Picshelf.Images;

/// <summary>Copies a body stream while counting, and stops the moment it passes its limit.</summary>
public static class LimitedCopy
{
    /// <param name="limitFor">Given the first bytes, the most bytes the whole copy may have.</param>
    public static async Task CopyAsync(Stream source, Stream destination, Func<ReadOnlyMemory<byte>, long> limitFor,
        Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        long? limit = null;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            limit ??= limitFor(buffer.AsMemory(0, read));
            total += read;
            if (total > limit)
            {
                throw tooLarge();
            }
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    public static Task CopyAsync(Stream source, Stream destination, long limit, Func<Exception> tooLarge, CancellationToken cancellationToken) =>
        CopyAsync(source, destination, _ => limit, tooLarge, cancellationToken);
}
