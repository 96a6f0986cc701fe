using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.OAuth;

namespace Picshelf.RateLimits;

/// <summary>
/// What an administrator changes about one application's credits. The process that makes the change
/// sees it at once; other running servers (the command-line verbs run in their own process) within
/// <see cref="CallerDirectory.CacheTime"/>.
/// </summary>
public sealed class ClientLimitsAdministration(PicshelfDb db, IDatabaseDialect dialect, CallerDirectory directory, IOptions<RateLimitOptions> options, TimeProvider time)
{
    public sealed record Change(int? CreditsPerDay, int? UserCreditsPerHour, bool? Commercial, bool ResetToDefaults);

    public async Task<ClientLimitsModel> ChangeAsync(string clientId, Change change, CancellationToken cancellationToken)
    {
        foreach (var limit in new[] { change.CreditsPerDay, change.UserCreditsPerHour })
        {
            if (limit < 0)
            {
                throw ApiException.BadRequest("A limit cannot be negative");
            }
        }
        var client = await FindAsync(clientId, cancellationToken);
        if (change.ResetToDefaults)
        {
            client.CreditsPerDay = client.UserCreditsPerHour = null;
            client.Commercial = false;
        }
        client.CreditsPerDay = change.CreditsPerDay ?? client.CreditsPerDay;
        client.UserCreditsPerHour = change.UserCreditsPerHour ?? client.UserCreditsPerHour;
        client.Commercial = change.Commercial ?? client.Commercial;
        await db.SaveChangesAsync(cancellationToken);
        directory.ForgetClient(clientId);
        return Describe(client);
    }

    /// <summary>Lifts a monthly block and forgets the month's hits, so the application starts the month afresh.</summary>
    public async Task<ClientLimitsModel> UnblockAsync(string clientId, CancellationToken cancellationToken)
    {
        var client = await FindAsync(clientId, cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var monthStarts = new DateOnly(today.Year, today.Month, 1);
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        await db.DailyLimitHits.Where(h => h.ClientId == clientId && h.Day >= monthStarts).ExecuteDeleteAsync(cancellationToken);
        client.BlockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        directory.ForgetClient(clientId);
        return Describe(client);
    }

    private async Task<OAuth.Client> FindAsync(string clientId, CancellationToken cancellationToken) =>
        await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken)
            ?? throw ApiException.NotFound($"No application has the client_id {clientId}");

    private ClientLimitsModel Describe(OAuth.Client client)
    {
        var defaults = options.Value;
        return new ClientLimitsModel(client.Id,
            client.CreditsPerDay ?? defaults.CreditsPerDay,
            client.UserCreditsPerHour ?? defaults.UserCreditsPerHour,
            client.Commercial,
            client.BlockedUntil);
    }
}
