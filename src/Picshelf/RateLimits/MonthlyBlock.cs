using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.RateLimits;

/// <summary>
/// Imgur blocks an application for the rest of the month once it has hit its daily limit five times in
/// that month. Each UTC day with a refusal is stored once (every process may try; the key keeps one row),
/// and the block is a date on the application's row, so every process enforces it.
/// </summary>
public sealed class MonthlyBlock(IServiceScopeFactory scopes, CallerDirectory directory, IOptions<RateLimitOptions> options, ILogger<MonthlyBlock> logger)
{
    // The day this process last stored a hit per application: a spent budget refuses many requests a day.
    private readonly ConcurrentDictionary<string, DateOnly> recorded = new(StringComparer.Ordinal);

    public static string Message(long blockedUntil) =>
        "This application is blocked until " + DateTimeOffset.FromUnixTimeSeconds(blockedUntil).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        + " because it used up its daily credits too many times this month";

    public async Task RecordDailyLimitHitAsync(string clientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (recorded.TryGetValue(clientId, out var last) && last == day)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO daily_limit_hits (\"ClientId\", \"Day\") VALUES ({clientId}, {day}) ON CONFLICT DO NOTHING", cancellationToken);
        var monthStarts = new DateOnly(day.Year, day.Month, 1);
        var monthEnds = monthStarts.AddMonths(1);
        var hits = await db.DailyLimitHits.CountAsync(h => h.ClientId == clientId && h.Day >= monthStarts && h.Day < monthEnds, cancellationToken);
        if (hits >= options.Value.DailyLimitHitsBeforeBlock)
        {
            var blockedUntil = new DateTimeOffset(monthEnds.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
            await db.Clients.Where(c => c.Id == clientId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.BlockedUntil, blockedUntil), cancellationToken);
            directory.ForgetClient(clientId);
            logger.LogWarning("Application {ClientId} hit its daily credit limit on {Hits} days this month and is blocked until {Until}",
                clientId, hits, monthEnds);
        }
        recorded[clientId] = day;
    }
}
