using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Data;
using Picshelf.OAuth;

namespace Picshelf.RateLimits;

/// <summary>
/// Imgur blocks an application for the rest of the month once it has hit its daily limit five times in
/// that month. Each UTC day with a refusal is stored once (every process may try; the key keeps one row),
/// and the block is a date on the application's row, so every process enforces it. Only the first refusal
/// of a day does the bookkeeping, and a database hiccup in it is logged: it must not turn a 429 into a 500.
/// </summary>
public sealed class MonthlyBlock(IServiceScopeFactory scopes, CallerDirectory directory, IOptions<RateLimitOptions> options, ILogger<MonthlyBlock> logger)
{
    // The day this process last claimed per application: a spent budget refuses many requests a day, one records it.
    private readonly ConcurrentDictionary<string, DateOnly> claimed = new(StringComparer.Ordinal);

    public static string Message(long blockedUntil) =>
        "This application is blocked until " + DateTimeOffset.FromUnixTimeSeconds(blockedUntil).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        + " because it used up its daily credits too many times this month";

    public async Task RecordDailyLimitHitAsync(string clientId, DateTimeOffset now)
    {
        // The site's own application is never blocked: every visitor of the upload page sends its public id, so anyone
        // could spend its day five times and shut the instance's own pages for the month. Its daily budget still refuses.
        if (clientId == SiteApplication.ClientId)
        {
            return;
        }
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var previous = claimed.GetOrAdd(clientId, DateOnly.MinValue);
        if (previous == day || !claimed.TryUpdate(clientId, day, previous))
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO daily_limit_hits (\"ClientId\", \"Day\") VALUES ({clientId}, {day}) ON CONFLICT DO NOTHING");
            var monthStarts = new DateOnly(day.Year, day.Month, 1);
            var monthEnds = monthStarts.AddMonths(1);
            var hits = await db.DailyLimitHits.CountAsync(h => h.ClientId == clientId && h.Day >= monthStarts && h.Day < monthEnds);
            if (hits >= options.Value.DailyLimitHitsBeforeBlock)
            {
                var blockedUntil = new DateTimeOffset(monthEnds.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
                await db.Clients.Where(c => c.Id == clientId)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.BlockedUntil, blockedUntil));
                directory.ForgetClient(clientId);
                logger.LogWarning("Application {ClientId} hit its daily credit limit on {Hits} days this month and is blocked until {Until}",
                    clientId, hits, monthEnds);
            }
        }
        catch (Exception failure)
        {
            // Give the day back, so the next refusal tries again.
            claimed.TryUpdate(clientId, previous, day);
            logger.LogError(failure, "Could not record that application {ClientId} hit its daily credit limit", clientId);
        }
    }
}
