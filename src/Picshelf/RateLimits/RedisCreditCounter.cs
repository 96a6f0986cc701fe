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
/// commit), so under load one round trip and a few Redis calls serve many requests. A budget this process charges
/// often is also reserved in leases (<see cref="CreditLeases"/>): most of its charges are then spent here without
/// waiting for Redis, and never more than Redis reserved.
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
    // buckets n and per bucket the index of its key in KEYS, its cost, its limit, the milliseconds until the
    // key may expire and the credits the process asks to reserve beyond the cost (its lease). The charges are applied
    // in order to values read with one MGET, and each touched key is written once at the end: a handful of Redis calls
    // per run instead of several per charge, with the same outcome as charging one by one. A charge that fits is
    // granted at most a sixteenth of what is left after it, so leases shrink to nothing near a limit and the reserved
    // credits never pass it. Returns per charge the 1-based refused bucket (0 when charged) followed by the credits
    // used per bucket (reservations included) and the credits granted per bucket.
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
            local cost = tonumber(ARGV[a + i * 5 + 1])
            if refused == 0 and cost > 0 and used[tonumber(ARGV[a + i * 5])] + cost > tonumber(ARGV[a + i * 5 + 2]) then
              refused = i + 1
            end
          end
          local granted = {}
          for i = 0, n - 1 do
            granted[i] = 0
          end
          if refused == 0 then
            for i = 0, n - 1 do
              local key = tonumber(ARGV[a + i * 5])
              local cost = tonumber(ARGV[a + i * 5 + 1])
              local want = tonumber(ARGV[a + i * 5 + 4])
              if want > 0 then
                granted[i] = math.max(0, math.min(want, math.floor((tonumber(ARGV[a + i * 5 + 2]) - used[key] - cost) / 16)))
              end
              local amount = cost + granted[i]
              if amount ~= 0 then
                used[key] = used[key] + amount
                added[key] = (added[key] or 0) + amount
                expiry[key] = ARGV[a + i * 5 + 3]
              end
            end
          end
          result[#result + 1] = refused
          for i = 0, n - 1 do
            result[#result + 1] = used[tonumber(ARGV[a + i * 5])]
            result[#result + 1] = granted[i]
          end
          a = a + n * 5
        end
        for key, amount in pairs(added) do
          if redis.call('INCRBY', KEYS[key], amount) == amount then
            redis.call('PEXPIRE', KEYS[key], expiry[key])
          end
        end
        return result
        """;

    // Gives unspent leases back, unless their key expired meanwhile (a new window starts from nothing).
    private const string GiveBackScript = """
        for i = 1, #KEYS do
          if redis.call('EXISTS', KEYS[i]) == 1 then
            redis.call('DECRBY', KEYS[i], ARGV[i])
          end
        end
        return 0
        """;

    private sealed class PendingCharge(CreditBucket[] buckets, DateTimeOffset now, int[] wants)
        : TaskCompletionSource<CreditReceipt>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public CreditBucket[] Buckets { get; } = buckets;
        public DateTimeOffset Now { get; } = now;
        /// <summary>Per bucket, the credits to reserve beyond the cost (<see cref="CreditLeases"/>).</summary>
        public int[] Wants { get; } = wants;
    }

    private readonly RedisConnection redis;
    private readonly MemoryCreditCounter fallback = new();
    private readonly TimeProvider time;
    private readonly ILogger<RedisCreditCounter> logger;
    private readonly Counter<long> failures;
    private readonly Channel<PendingCharge> pending = Channel.CreateUnbounded<PendingCharge>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task sender;
    private readonly CreditLeases leases;
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
        leases = new CreditLeases(time);
        sender = Task.Run(SendAsync);
    }

    public ValueTask<CreditReceipt> ChargeAsync(CreditBucket[] buckets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (leases.TrySpend(buckets, now, out var wants) is { } spent)
        {
            if (Array.Exists(wants, want => want > 0))
            {
                // The top-up charges nothing and nobody waits for it: its grant lands in the leases when Redis answers.
                pending.Writer.TryWrite(new PendingCharge([.. buckets.Select(b => b with { Cost = 0 })], now, wants));
            }
            return ValueTask.FromResult(spent);
        }
        var charge = new PendingCharge(buckets, now, wants);
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
        var leased = new HashSet<string>(StringComparer.Ordinal);
        var arguments = new List<RedisValue>(run.Count * 16) { run.Count };
        foreach (var charge in run)
        {
            arguments.Add(charge.Buckets.Length);
            for (var b = 0; b < charge.Buckets.Length; b++)
            {
                var bucket = charge.Buckets[b];
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
                // One lease per budget and run: the charges queued behind the first would otherwise each ask for one.
                arguments.Add(charge.Wants[b] > 0 && leased.Add(bucket.Key) ? charge.Wants[b] : 0);
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
            var granted = new long[used.Length];
            for (var i = 0; i < used.Length; i++)
            {
                used[i] = (long)result[position++];
                granted[i] = (long)result[position++];
            }
            receipts[c] = leases.Settle(run[c].Buckets, run[c].Now, refused == 0 ? CreditReceipt.None : refused - 1, used, granted);
        }
        return receipts;
    }

    /// <summary>
    /// Gives back to Redis the leases idle for <see cref="CreditLeases.IdleAfter"/>, or every lease when the process stops
    /// (<paramref name="all"/>), so the other processes may spend their credits this window (<see cref="CreditLeaseReturn"/>).
    /// </summary>
    public Task GiveBackAsync(bool all) => GiveBackAsync(leases.TakeIdle(time.GetUtcNow(), all));

    private async Task GiveBackAsync(List<CreditLeases.Unspent> unspent)
    {
        if (unspent.Count == 0)
        {
            return;
        }
        try
        {
            var database = await redis.DatabaseAsync();
            await database.ScriptEvaluateAsync(GiveBackScript, [.. unspent.Select(u => redis.Key(u.Key))], [.. unspent.Select(u => (RedisValue)u.Credits)])
                .WaitAsync(operationTimeout);
        }
        catch (Exception failure)
        {
            // Not lost for good: they are reserved until their window ends, then the key expires.
            var credits = unspent.Sum(u => u.Credits);
            logger.LogWarning(failure, "{Credits} reserved credits could not be given back to Redis: they stay reserved until their window ends", credits);
        }
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await sender;
    }

    public void Dispose() => pending.Writer.TryComplete();
}
