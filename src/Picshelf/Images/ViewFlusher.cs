using Microsoft.Extensions.Options;

namespace Picshelf.Images;

/// <summary>Writes the counts <see cref="ViewCounter"/> keeps every <see cref="ViewCountOptions.ViewFlushInterval"/>, and once more on the way out.</summary>
public sealed class ViewFlusher(ViewCounter counter, ImageDirectory directory, IServiceScopeFactory scopes,
    IOptions<ViewCountOptions> options, TimeProvider time, ILogger<ViewFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ViewFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await counter.FlushAsync(scopes, directory, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Writing view counts failed; they are kept and retried");
        }
    }
}
