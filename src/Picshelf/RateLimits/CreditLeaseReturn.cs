namespace Picshelf.RateLimits;

/// <summary>
/// Gives the credits this process reserved in Redis and left idle back every half <see cref="CreditLeases.IdleAfter"/>,
/// and all it holds once the server has stopped taking requests, as SIGTERM stops it. Nothing to do with the in-memory counter.
/// </summary>
public sealed class CreditLeaseReturn(ICreditCounter counter, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (counter is not RedisCreditCounter shared)
        {
            return;
        }
        using var timer = new PeriodicTimer(CreditLeases.IdleAfter / 2, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await shared.GiveBackAsync(all: false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (counter is RedisCreditCounter shared)
        {
            await shared.GiveBackAsync(all: true);
        }
    }
}
