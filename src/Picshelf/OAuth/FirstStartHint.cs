using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>
/// Every API call needs a client id, so a server with none tells its operator how to make one. The site's own application
/// does not count: the operator's tools have no business using it.
/// </summary>
public sealed class FirstStartHint(IServiceScopeFactory scopes, ILogger<FirstStartHint> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<PicshelfDb>().Clients.AnyAsync(c => c.Id != SiteApplication.ClientId, cancellationToken))
        {
            logger.LogWarning("No application is registered yet, so every API call will be refused. Register one with:{NewLine}  dotnet run --project src/Picshelf -- clients create --name \"My app\"{NewLine}and send its client_id as 'Authorization: Client-ID <client_id>'.",
                Environment.NewLine, Environment.NewLine);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
