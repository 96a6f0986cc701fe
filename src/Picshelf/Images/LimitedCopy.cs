using Picshelf.Media;

namespace Picshelf.Images;

/// <summary>Copies a body stream while counting, and stops the moment it passes its limit.</summary>
public static class LimitedCopy
{
    /// <param name="limitFor">Given the first bytes (a whole format signature unless the body is shorter), the most bytes the whole copy may have.</param>
    public static async Task CopyAsync(Stream source, Stream destination, Func<ReadOnlyMemory<byte>, long> limitFor,
        Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        var filled = 0;
        int read;
        // Slow clients send small pieces: the limit is chosen only once the signature is complete.
        while (filled < ImageFormat.SignatureLength && (read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }
        var limit = limitFor(buffer.AsMemory(0, filled));
        long total = filled;
        if (total > limit)
        {
            throw tooLarge();
        }
        await destination.WriteAsync(buffer.AsMemory(0, filled), cancellationToken);
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
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
