using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Picshelf.Images;

/// <summary>
/// Decodes a staged file of base64 text into another file in chunks, so a 27 MB base64 body is never
/// turned into strings. Accepts whitespace, a <c>data:</c> URI prefix, the URL-safe alphabet and
/// missing padding, as clients send all of these.
/// </summary>
public static class Base64File
{
    /// <returns>False when the text is not base64.</returns>
    public static async Task<bool> TryDecodeAsync(StagedFile text, StagedFile destination, CancellationToken cancellationToken)
    {
        await using var input = text.OpenRead();
        await using var output = destination.OpenWrite();
        var read = new byte[64 * 1024];
        var pending = new byte[read.Length + 8];
        var pendingLength = 0;
        var decoded = new byte[pending.Length / 4 * 3 + 3];
        var first = true;
        int count;
        while ((count = await input.ReadAsync(read, cancellationToken)) > 0)
        {
            var chunk = read.AsSpan(0, count);
            if (first)
            {
                first = false;
                chunk = SkipDataUriPrefix(chunk);
            }
            foreach (var value in chunk)
            {
                if (value is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\v' or (byte)'\f')
                {
                    continue;
                }
                pending[pendingLength++] = value switch { (byte)'-' => (byte)'+', (byte)'_' => (byte)'/', _ => value };
            }
            var whole = pendingLength / 4 * 4;
            // Keep the last quartet back: padding may only appear in the final block.
            if (whole > 4)
            {
                whole -= 4;
                if (Base64.DecodeFromUtf8(pending.AsSpan(0, whole), decoded, out _, out var written, isFinalBlock: false) != OperationStatus.Done)
                {
                    return false;
                }
                await output.WriteAsync(decoded.AsMemory(0, written), cancellationToken);
                pending.AsSpan(whole, pendingLength - whole).CopyTo(pending);
                pendingLength -= whole;
            }
        }
        if (first || pendingLength == 0 || pendingLength % 4 == 1)
        {
            return false;
        }
        while (pendingLength % 4 != 0)
        {
            pending[pendingLength++] = (byte)'=';
        }
        if (Base64.DecodeFromUtf8(pending.AsSpan(0, pendingLength), decoded, out _, out var last) != OperationStatus.Done)
        {
            return false;
        }
        await output.WriteAsync(decoded.AsMemory(0, last), cancellationToken);
        return true;
    }

    private static Span<byte> SkipDataUriPrefix(Span<byte> chunk)
    {
        chunk = chunk.TrimStart(" \r\n\t\v\f"u8);
        if (chunk.Length < 5 || !Ascii.EqualsIgnoreCase(chunk[..5], "data:"u8))
        {
            return chunk;
        }
        var comma = chunk.IndexOf((byte)',');
        return comma < 0 ? chunk : chunk[(comma + 1)..];
    }
}
