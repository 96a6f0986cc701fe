using System.Diagnostics.Metrics;
using Picshelf.Data;
using StackExchange.Redis;

namespace Picshelf.RateLimits;

/// <summary>
/// The counter every process shares: one Lua script checks and charges all buckets of a request
/// atomically inside Redis. When Redis cannot be reached the request is still served (the API must
/// not go down with its limiter): charges go to this process's own <see cref="MemoryCreditCounter"/>,
/// each failure is counted in the <c>picshelf.credits.redis_failures</c> metric, the outage is logged
/// once, and Redis is tried again after a short pause.
/// </summary>
public sealed class RedisCreditCounter : ICreditCounter
{
    public const string MeterName = "Picshelf.RateLimits";
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    // KEYS: the buckets. ARGV: per bucket cost, limit, milliseconds until its window ends.
    // Returns the 1-based refused bucket (0 when charged) followed by the credits used per bucket.
    private const string ChargeScript = """
        local n = #KEYS
        local result = {0}
        for i = 1, n do
          local used = tonumber(redis.call('GET', KEYS[i]) or '0')
          result[i + 1] = used
          if result[1] == 0 and used + tonumber(ARGV[i * 3 - 2]) > tonumber(ARGV[i * 3 - 1]) then
            result[1] = i
          end
        end
        if result[1] ~= 0 then
          return result
        end
        for i = 1, n do
          local cost = tonumber(ARGV[i * 3 - 2])
          if cost > 0 then
            local used = redis.call('INCRBY', KEYS[i], cost)
            if used == cost then
              redis.call('PEXPIRE', KEYS[i], ARGV[i * 3])
            end
            result[i + 1] = used
          end
        end
        return result
        """;

    private readonly RedisConnection redis;
    private readonly MemoryCreditCounter fallback = new();
    private readonly TimeProvider time;
    private readonly ILogger<RedisCreditCounter> logger;
    private readonly Counter<long> failures;
    private long retryAtTimestamp;
    private int outage;

    public RedisCreditCounter(RedisConnection redis, TimeProvider time, IMeterFactory meters, ILogger<RedisCreditCounter> logger)
    {
        this.redis = redis;
        this.time = time;
        this.logger = logger;
        failures = meters.Create(MeterName).CreateCounter<long>("picshelf.credits.redis_failures",
            description: "Charges served by the process's own counter because Redis could not be reached");
    }

    public async ValueTask<CreditReceipt> ChargeAsync(CreditBucket[] buckets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (time.GetTimestamp() < Volatile.Read(ref retryAtTimestamp))
        {
            failures.Add(1);
            return await fallback.ChargeAsync(buckets, now, cancellationToken);
        }
        try
        {
            var receipt = await ChargeInRedisAsync(buckets, now);
            if (Interlocked.Exchange(ref outage, 0) == 1)
            {
                logger.LogWarning("Redis is reachable again: credits are shared between processes again");
            }
            return receipt;
        }
        catch (Exception failure) when (failure is RedisException or TimeoutException or ObjectDisposedException)
        {
            failures.Add(1);
            Volatile.Write(ref retryAtTimestamp, time.GetTimestamp() + (long)(RetryPause.TotalSeconds * time.TimestampFrequency));
            if (Interlocked.Exchange(ref outage, 1) == 0)
            {
                logger.LogError(failure, "Redis cannot be reached: requests are served and credits are counted by this process alone until it returns");
            }
            return await fallback.ChargeAsync(buckets, now, cancellationToken);
        }
    }

    private async Task<CreditReceipt> ChargeInRedisAsync(CreditBucket[] buckets, DateTimeOffset now)
    {
        var keys = new RedisKey[buckets.Length];
        var arguments = new RedisValue[buckets.Length * 3];
        for (var i = 0; i < buckets.Length; i++)
        {
            keys[i] = redis.Key(buckets[i].Key);
            arguments[i * 3] = buckets[i].Cost;
            arguments[(i * 3) + 1] = buckets[i].Limit;
            // The window is in the key, so the expiry only frees memory: it is measured on this process's clock
            // and kept a while past the window's end, so processes whose clocks differ a little still share it.
            arguments[(i * 3) + 2] = (long)(buckets[i].ResetsAt - now + ExpiryMargin).TotalMilliseconds;
        }
        var database = await redis.DatabaseAsync();
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(ChargeScript, keys, arguments))!;
        var used = new long[buckets.Length];
        for (var i = 0; i < used.Length; i++)
        {
            used[i] = (long)result[i + 1];
        }
        var refused = (int)result[0];
        return new CreditReceipt(used, refused == 0 ? CreditReceipt.None : refused - 1);
    }
}
