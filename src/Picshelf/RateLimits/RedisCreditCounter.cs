using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Picshelf.Data;
using Picshelf.Telemetry;
using StackExchange.Redis;

namespace Picshelf.RateLimits;

/// <summary>
/// The counter every process shares. Each charge is checked and applied atomically by a Lua script inside
/// Redis; charges that arrive while a script run is on its way are sent together in the next run (group
/// commit), so under load one round trip and a few Redis calls serve many requests.
/// When Redis cannot be reached the request is still served (the API must not go down with its limiter):
/// charges go to this process's own <see cref="MemoryCreditCounter"/>, each such charge is counted in the
/// <c>picshelf.credits.redis_failures</c> metric, the outage is logged once, and Redis is tried again after
/// a short pause.
/// </summary>
public sealed class RedisCreditCounter : ICreditCounter, IAsyncDisposable, IDisposable
{
    private const int MaxChargesPerRun = 256;
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    // KEYS: every distinct counter the run touches. ARGV[1]: the number of charges; then per charge its number of
    // buckets n and per bucket the index of its key in KEYS, its cost, its limit and the milliseconds until the
    // key may expire. The charges are applied in order to values read with one MGET, and each touched key is
    // written once at the end: a handful of Redis calls per run instead of several per charge, with the same
    // outcome as charging one by one. Returns per charge the 1-based refused bucket (0 when charged) followed
    // by the credits used per bucket.
    private const string ChargeScript = """
        local current = redis.call('MGET', unpack(KEYS))
        local used = {}
        for i = 1, #KEYS do
          used[i] = tonumber(current[i]) or 0
        end
        local added = {}
        local expiry = {}
        local result = {}
        local a = 2
        for _ = 1, tonumber(ARGV[1]) do
          local n = tonumber(ARGV[a])
          a = a + 1
          local refused = 0
          for i = 0, n - 1 do
            local cost = tonumber(ARGV[a + i * 4 + 1])
            if refused == 0 and cost > 0 and used[tonumber(ARGV[a + i * 4])] + cost > tonumber(ARGV[a + i * 4 + 2]) then
              refused = i + 1
            end
          end
          if refused == 0 then
            for i = 0, n - 1 do
              local key = tonumber(ARGV[a + i * 4])
              local cost = tonumber(ARGV[a + i * 4 + 1])
              if cost ~= 0 then
                used[key] = used[key] + cost
                added[key] = (added[key] or 0) + cost
                expiry[key] = ARGV[a + i * 4 + 3]
              end
            end
          end
          result[#result + 1] = refused
          for i = 0, n - 1 do
            result[#result + 1] = used[tonumber(ARGV[a + i * 4])]
          end
          a = a + n * 4
        end
        for key, amount in pairs(added) do
          if redis.call('INCRBY', KEYS[key], amount) == amount then
            redis.call('PEXPIRE', KEYS[key], expiry[key])
          end
        end
        return result
        """;

    private sealed class PendingCharge(CreditBucket[] buckets, DateTimeOffset now)
        : TaskCompletionSource<CreditReceipt>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public CreditBucket[] Buckets { get; } = buckets;
        public DateTimeOffset Now { get; } = now;
    }

    private readonly RedisConnection redis;
    private readonly MemoryCreditCounter fallback = new();
    private readonly TimeProvider time;
    private readonly ILogger<RedisCreditCounter> logger;
    private readonly Counter<long> failures;
    private readonly Channel<PendingCharge> pending = Channel.CreateUnbounded<PendingCharge>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task sender;
    // Enforced here too: the client library checks its own timeouts only on its heartbeat, about once a second.
    private readonly TimeSpan operationTimeout;
    private long retryAtTimestamp;
    private bool inOutage;

    public RedisCreditCounter(RedisConnection redis, IOptions<RedisOptions> options, TimeProvider time, PicshelfMetrics metrics, ILogger<RedisCreditCounter> logger)
    {
        this.redis = redis;
        operationTimeout = options.Value.OperationTimeout;
        this.time = time;
        this.logger = logger;
        failures = metrics.RedisFailures;
        sender = Task.Run(SendAsync);
    }

    public ValueTask<CreditReceipt> ChargeAsync(CreditBucket[] buckets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var charge = new PendingCharge(buckets, now);
        return pending.Writer.TryWrite(charge)
            ? new ValueTask<CreditReceipt>(charge.Task)
            : fallback.ChargeAsync(buckets, now, cancellationToken);
    }

    private async Task SendAsync()
    {
        var run = new List<PendingCharge>(MaxChargesPerRun);
        while (await pending.Reader.WaitToReadAsync())
        {
            while (run.Count < MaxChargesPerRun && pending.Reader.TryRead(out var charge))
            {
                run.Add(charge);
            }
            await ChargeRunAsync(run);
            run.Clear();
        }
    }

    private async Task ChargeRunAsync(List<PendingCharge> run)
    {
        if (time.GetTimestamp() >= retryAtTimestamp)
        {
            try
            {
                var receipts = await ChargeInRedisAsync(run).WaitAsync(operationTimeout);
                for (var i = 0; i < run.Count; i++)
                {
                    run[i].SetResult(receipts[i]);
                }
                if (inOutage)
                {
                    inOutage = false;
                    logger.LogWarning("Redis is reachable again: credits are shared between processes again");
                }
                return;
            }
            catch (RedisServerException failure)
            {
                // Redis answered but refused the script (a cluster, an ACL, a read-only replica): not an outage
                // that passes, a setup to fix, so it is said every time, not once.
                logger.LogError(failure, "Redis refused the credit script: credits are counted by this process alone");
            }
            // Whatever else went wrong, the sender must live on and every waiting request must get an answer.
            catch (Exception failure)
            {
                retryAtTimestamp = time.GetTimestamp() + (long)(RetryPause.TotalSeconds * time.TimestampFrequency);
                if (!inOutage)
                {
                    inOutage = true;
                    logger.LogError(failure, "Redis cannot be reached: requests are served and credits are counted by this process alone until it returns");
                }
            }
        }
        failures.Add(run.Count);
        foreach (var charge in run)
        {
            charge.SetResult(await fallback.ChargeAsync(charge.Buckets, charge.Now, CancellationToken.None));
        }
    }

    private async Task<CreditReceipt[]> ChargeInRedisAsync(List<PendingCharge> run)
    {
        var keyIndexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<RedisKey>();
        var arguments = new List<RedisValue>(run.Count * 13) { run.Count };
        foreach (var charge in run)
        {
            arguments.Add(charge.Buckets.Length);
            foreach (var bucket in charge.Buckets)
            {
                if (!keyIndexes.TryGetValue(bucket.Key, out var index))
                {
                    keys.Add(redis.Key(bucket.Key));
                    index = keyIndexes[bucket.Key] = keys.Count;
                }
                arguments.Add(index);
                arguments.Add(bucket.Cost);
                arguments.Add(bucket.Limit);
                // The window is in the key, so the expiry only frees memory: it is measured on this process's clock
                // and kept a while past the window's end, so processes whose clocks differ a little still share it.
                arguments.Add((long)(bucket.ResetsAt - charge.Now + ExpiryMargin).TotalMilliseconds);
            }
        }
        var database = await redis.DatabaseAsync();
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(ChargeScript, [.. keys], [.. arguments]))!;
        var receipts = new CreditReceipt[run.Count];
        var position = 0;
        for (var c = 0; c < run.Count; c++)
        {
            var refused = (int)result[position++];
            var used = new long[run[c].Buckets.Length];
            for (var i = 0; i < used.Length; i++)
            {
                used[i] = (long)result[position++];
            }
            receipts[c] = new CreditReceipt(used, refused == 0 ? CreditReceipt.None : refused - 1);
        }
        return receipts;
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await sender;
    }

    public void Dispose() => pending.Writer.TryComplete();
}
