using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Picshelf.Storage;

/// <summary>
/// Blobs as objects in an S3-compatible bucket (AWS, MinIO, Garage, Ceph RGW), under
/// <see cref="S3StorageOptions.Prefix"/>. Every failure of the store comes out as a
/// <see cref="BlobStoreUnavailableException"/>, which answers 503: the request may succeed once the store is back.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly string bucket;
    private readonly string prefix;
    private readonly string spoolDirectory;
    private readonly TimeProvider time;

    public S3BlobStore(IOptions<StorageOptions> options, TimeProvider time)
    {
        this.time = time;
        var settings = options.Value.S3;
        if (string.IsNullOrWhiteSpace(settings.Bucket))
        {
            throw new InvalidOperationException("Storage:Provider is s3, so Storage:S3:Bucket must name the bucket");
        }
        if (string.IsNullOrEmpty(settings.AccessKey) != string.IsNullOrEmpty(settings.SecretKey))
        {
            throw new InvalidOperationException("Storage:S3:AccessKey and Storage:S3:SecretKey go together: set both, or neither for the SDK's own credentials");
        }
        bucket = settings.Bucket;
        prefix = settings.Prefix;
        spoolDirectory = options.Value.StagingDirectory;
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            Timeout = settings.Timeout,
            MaxErrorRetry = 2,
            // Checksums only where S3 requires them: several S3-compatible servers refuse the SDK's newer checksum headers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(settings.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }
        else
        {
            config.ServiceURL = settings.ServiceUrl;
            config.AuthenticationRegion = settings.Region;
        }
        client = settings.AccessKey is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, settings.SecretKey), config)
            : new AmazonS3Client(config);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        if (!content.CanSeek)
        {
            // S3 needs the length before the body, and a body read twice (signed, then sent): spool it to disk, not memory.
            Directory.CreateDirectory(spoolDirectory);
            await using var spooled = new FileStream(Path.Combine(spoolDirectory, Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await content.CopyToAsync(spooled, cancellationToken);
            spooled.Position = 0;
            await PutAsync(key, spooled, cancellationToken);
            return;
        }
        await Guarded(key, () => client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = prefix + key,
            InputStream = content,
            AutoCloseStream = false,
            // Over plain http the SDK would frame the body as aws-chunked; servers such as s3rver store the framing
            // as if it were content. Unchunked bodies are accepted by every S3 implementation.
            UseChunkEncoding = false,
        }, cancellationToken), cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetObjectAsync(bucket, prefix + key, cancellationToken);
            return new ObjectStream(response, key);
        }
        catch (AmazonS3Exception missing) when (missing.StatusCode == HttpStatusCode.NotFound && missing.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
        catch (Exception failure) when (IsStoreFailure(failure, cancellationToken))
        {
            throw new BlobStoreUnavailableException(key, failure);
        }
    }

    /// <summary>Requests nothing here, so a HEAD costs no GET; a missing object fails the first read.</summary>
    public Task<Stream?> OpenSeekableAsync(string key, long length, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(new RangedObjectStream(this, key, length));

    /// <summary>Deleting a key that is not there succeeds, as S3 itself answers.</summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        Guarded(key, () => client.DeleteObjectAsync(bucket, prefix + key, cancellationToken), cancellationToken);

    /// <summary>A bucket has no files a web server in front could send itself.</summary>
    public string? LocalRelativePath(string key) => null;

    /// <summary>An S3 put is atomic and Picshelf starts no multipart uploads, so a killed writer leaves nothing partial.</summary>
    public Task RemoveIncompleteWritesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async IAsyncEnumerable<StoredBlob> ListAsync(string keyPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix + keyPrefix };
        while (true)
        {
            ListObjectsV2Response page;
            try
            {
                page = await client.ListObjectsV2Async(request, cancellationToken);
            }
            catch (Exception failure) when (IsStoreFailure(failure, cancellationToken))
            {
                throw new BlobStoreUnavailableException(keyPrefix, failure);
            }
            foreach (var item in page.S3Objects ?? [])
            {
                // A time the server did not give counts as now: gc must never take an unknown age for an old one.
                var lastModified = item.LastModified is { } modified
                    ? new DateTimeOffset(modified.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(modified, DateTimeKind.Utc) : modified.ToUniversalTime())
                    : time.GetUtcNow();
                yield return new StoredBlob(item.Key[prefix.Length..], item.Size ?? 0, lastModified);
            }
            if (page.IsTruncated != true)
            {
                yield break;
            }
            request.ContinuationToken = page.NextContinuationToken
                ?? throw new BlobStoreUnavailableException(keyPrefix, new InvalidDataException("The listing is truncated but gives no continuation token"));
        }
    }

    private static async Task Guarded(string key, Func<Task> operation, CancellationToken cancellationToken)
    {
        try
        {
            await operation();
        }
        catch (Exception failure) when (IsStoreFailure(failure, cancellationToken))
        {
            throw new BlobStoreUnavailableException(key, failure);
        }
    }

    /// <summary>Refusals, lost connections and timeouts; a cancellation the caller asked for stays one.</summary>
    private static bool IsStoreFailure(Exception failure, CancellationToken cancellationToken) =>
        failure is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
        || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    public void Dispose() => client.Dispose();

    /// <summary>
    /// The object's body; disposing it ends the response and frees its connection. A connection lost while
    /// reading is the store failing too, so it answers 503 like a refused request.
    /// </summary>
    private sealed class ObjectStream(GetObjectResponse response, string key) : Stream
    {
        private readonly Stream body = response.ResponseStream;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.ContentLength;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return body.Read(buffer);
            }
            catch (Exception failure) when (IsStoreFailure(failure, CancellationToken.None))
            {
                throw new BlobStoreUnavailableException(key, failure);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await body.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception failure) when (IsStoreFailure(failure, cancellationToken))
            {
                throw new BlobStoreUnavailableException(key, failure);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// An object of known length read through ranged GETs, one at a time from the position: a seek drops the current
    /// response, so a range of a large original fetches about that range only. Chunks start small and double up to
    /// <see cref="LargestChunk"/>: a short range costs little beyond itself, a whole read stays a few requests.
    /// </summary>
    private sealed class RangedObjectStream(S3BlobStore store, string key, long length) : Stream
    {
        private const int FirstChunk = 256 * 1024;
        private const int LargestChunk = 4 * 1024 * 1024;

        private int nextChunk = FirstChunk;
        private GetObjectResponse? chunk;
        private long chunkEnd;
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => Seek(value, SeekOrigin.Begin); }

        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => position + offset,
                SeekOrigin.End => length + offset,
                _ => throw new ArgumentOutOfRangeException(nameof(origin)),
            };
            ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
            if (target != position)
            {
                ReleaseChunk();
                position = target;
                nextChunk = FirstChunk;
            }
            return position;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty || position >= length)
            {
                return 0;
            }
            try
            {
                chunk ??= await FetchChunkAsync(cancellationToken);
                var read = await chunk.ResponseStream.ReadAsync(buffer[..(int)Math.Min(buffer.Length, chunkEnd - position)], cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException($"The store ended the body {chunkEnd - position} bytes short of the range it promised");
                }
                position += read;
                if (position == chunkEnd)
                {
                    ReleaseChunk();
                }
                return read;
            }
            catch (Exception failure)
            {
                // Where a failed read left the body is unknown: the next read asks again from the position.
                ReleaseChunk();
                if (IsStoreFailure(failure, cancellationToken))
                {
                    throw new BlobStoreUnavailableException(key, failure);
                }
                throw;
            }
        }

        private async Task<GetObjectResponse> FetchChunkAsync(CancellationToken cancellationToken)
        {
            var end = Math.Min(position + nextChunk, length);
            nextChunk = Math.Min(nextChunk * 2, LargestChunk);
            var response = await store.client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = store.bucket,
                Key = store.prefix + key,
                ByteRange = new ByteRange(position, end - 1),
            }, cancellationToken);
            // A server that ignores the range, or an object not the length its row says, would send the wrong bytes.
            var isWholeObject = position == 0 && end == length;
            var status = response.HttpStatusCode;
            if ((status != HttpStatusCode.PartialContent && !(status == HttpStatusCode.OK && isWholeObject)) || response.ContentLength != end - position)
            {
                response.Dispose();
                throw new BlobStoreUnavailableException(key, new InvalidDataException(
                    $"Asked for bytes {position}-{end - 1}, the store answered {(int)status} with {response.ContentLength} bytes"));
            }
            chunkEnd = end;
            return response;
        }

        private void ReleaseChunk()
        {
            chunk?.Dispose();
            chunk = null;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                ReleaseChunk();
            }
            base.Dispose(disposing);
        }
    }
}
