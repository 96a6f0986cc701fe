namespace Picshelf.Images;

/// <summary>Removes staging files a killed process left behind, before the server takes uploads.</summary>
public sealed class StagingCleanup(UploadStaging staging) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        staging.RemoveLeftovers();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
