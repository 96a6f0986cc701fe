using Picshelf.Storage;

namespace Picshelf.Images;

/// <summary>Removes staging files and partial blob writes a killed process left behind, before the server takes uploads.</summary>
public sealed class LeftoverCleanup(UploadStaging staging, IBlobStore blobs) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        staging.RemoveLeftovers();
        await blobs.RemoveIncompleteWritesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
