namespace Picshelf.RateLimits;

/// <summary>
/// The credits this process reserved in Redis and may spend without asking it again: a lease per budget key.
/// A budget this process charges often (at least <see cref="MinimumLease"/> times in a tenth of a second) asks Redis, on
/// its next trip there, for as many credits as it charged in that time on top of the charge; the Redis script grants
/// at most a sixteenth of what is left (<see cref="RedisCreditCounter"/>), so near a limit leases shrink to nothing and
/// every charge goes to Redis again. Every credit spent here was reserved there first: a budget is never overspent by
/// any number of processes. What a process holds and does not spend goes back after <see cref="IdleAfter"/> without
/// a charge, and when it stops; a new window starts without leases (the old key expires with its credits).
/// </summary>
public sealed class CreditLeases
{
    /// <summary>
    /// A budget charged fewer times than this in a tenth of a second (320 a second) is charged in Redis one request at a
    /// time, its counts exact in every process: a client calling one request after another never holds a lease.
    /// </summary>
    public const int MinimumLease = 32;

    /// <summary>
    /// The most one lease asks for: one Redis trip per 256 charges is already a small share of their cost, and a process
    /// that dies without stopping (SIGKILL, a crash) loses what it held until the window ends.
    /// </summary>
    public const int MaximumLease = 256;

    public static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RateTick = TimeSpan.FromMilliseconds(100);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Lease> leases = new(StringComparer.Ordinal);
    private readonly List<Unspent> withdrawn = [];
    private readonly TimeProvider time;
    private readonly long rateTick;
    private readonly long idleAfter;

    public CreditLeases(TimeProvider time)
    {
        this.time = time;
        rateTick = (long)(RateTick.TotalSeconds * time.TimestampFrequency);
        idleAfter = (long)(IdleAfter.TotalSeconds * time.TimestampFrequency);
    }

    private sealed class Lease(long limit, DateTimeOffset resetsAt)
    {
        public long Limit { get; set; } = limit;
        public DateTimeOffset ResetsAt { get; } = resetsAt;
        /// <summary>Reserved in Redis and not spent yet.</summary>
        public long Available { get; set; }
        /// <summary>The shared counter as Redis last answered it: spent by every process, and reserved.</summary>
        public long SharedUsed { get; set; }
        /// <summary>Redis answered for this budget once: <see cref="SharedUsed"/> is known.</summary>
        public bool Settled { get; set; }
        /// <summary>The credits Redis granted last: when less than half of them is left, more are asked for ahead of need.</summary>
        public long LastGrant { get; set; }
        /// <summary>A top-up is on its way to Redis: one at a time.</summary>
        public bool Refilling { get; set; }
        public long LastChargeTimestamp { get; set; }
        public long TickStart { get; set; }
        public int ChargesThisTick { get; set; }
        public int ChargesLastTick { get; set; }
    }

    /// <summary>A lease's credits that were not spent, to give back to Redis.</summary>
    public readonly record struct Unspent(string Key, long Credits);

    /// <summary>
    /// Spends the charge from this process's leases when every bucket it costs holds enough (a charge that costs nothing
    /// is never spent here): the receipt then tells the
    /// credits used as Redis last counted them, less what this process still holds. Null when Redis must be asked; the
    /// charge was counted towards the size of the buckets' next leases (<paramref name="wants"/>, credits to ask per bucket).
    /// A spent charge may also leave <paramref name="wants"/> with credits to ask for: a lease that fell under half its
    /// last grant is topped up by a charge of nothing (<see cref="RedisCreditCounter"/>), so that under steady load the
    /// requests do not wait for Redis each time a lease runs out.
    /// </summary>
    public CreditReceipt? TrySpend(CreditBucket[] buckets, DateTimeOffset now, out int[] wants)
    {
        var timestamp = time.GetTimestamp();
        lock (gate)
        {
            wants = new int[buckets.Length];
            // A charge of nothing only reads its budgets (GET /3/credits, a blocked application): Redis tells them as they
            // are, not as this process last heard.
            var covered = Array.Exists(buckets, b => b.Cost > 0);
            var leasesOfCharge = new Lease[buckets.Length];
            for (var i = 0; i < buckets.Length; i++)
            {
                var lease = leasesOfCharge[i] = Current(buckets[i], now) ?? Open(buckets[i]);
                Count(lease, timestamp);
                // A refund goes to Redis, which holds the count it corrects.
                covered &= buckets[i].Cost >= 0 && lease.Settled && lease.Available >= buckets[i].Cost;
            }
            if (covered)
            {
                var receipt = Spend(buckets, leasesOfCharge);
                for (var i = 0; i < buckets.Length; i++)
                {
                    var lease = leasesOfCharge[i];
                    if (!lease.Refilling && lease.Available < lease.LastGrant / 2 && (wants[i] = WantOf(lease, buckets[i].Cost)) > 0)
                    {
                        lease.Refilling = true;
                    }
                }
                return receipt;
            }
            for (var i = 0; i < buckets.Length; i++)
            {
                wants[i] = buckets[i].Cost <= 0 ? 0 : WantOf(leasesOfCharge[i], buckets[i].Cost);
            }
            return null;
        }
    }

    /// <summary>
    /// Takes in what Redis answered for a charge: the shared counts (<paramref name="sharedUsed"/>, reservations included)
    /// and the credits granted per bucket. A charge Redis refused is spent from the leases when they cover it: Redis counts
    /// this process's unspent credits as used, so they are this process's to spend.
    /// </summary>
    public CreditReceipt Settle(CreditBucket[] buckets, DateTimeOffset now, int refusedBucket, long[] sharedUsed, long[] granted)
    {
        lock (gate)
        {
            var used = new long[buckets.Length];
            var leasesOfCharge = new Lease[buckets.Length];
            for (var i = 0; i < buckets.Length; i++)
            {
                var lease = leasesOfCharge[i] = Current(buckets[i], now) ?? Open(buckets[i]);
                lease.Available += granted[i];
                lease.SharedUsed = sharedUsed[i];
                lease.Settled = true;
                lease.Refilling = false;
                if (granted[i] > 0)
                {
                    lease.LastGrant = granted[i];
                }
                used[i] = lease.SharedUsed - lease.Available;
            }
            if (refusedBucket != CreditReceipt.None && HoldEnough(buckets, leasesOfCharge))
            {
                return Spend(buckets, leasesOfCharge);
            }
            return new CreditReceipt(used, refusedBucket);
        }
    }

    /// <summary>
    /// The leases not charged for <see cref="IdleAfter"/> (all of them when <paramref name="all"/>), emptied, and what a
    /// change of limit withdrew: their credits are to be given back. Leases of ended windows are dropped, their credits expiring with their keys.
    /// </summary>
    public List<Unspent> TakeIdle(DateTimeOffset now, bool all = false)
    {
        var timestamp = time.GetTimestamp();
        var unspent = new List<Unspent>();
        lock (gate)
        {
            unspent.AddRange(withdrawn);
            withdrawn.Clear();
            foreach (var (key, lease) in leases)
            {
                if (lease.ResetsAt <= now)
                {
                    leases.Remove(key);
                }
                else if (all || timestamp - lease.LastChargeTimestamp >= idleAfter)
                {
                    if (lease.Available > 0)
                    {
                        unspent.Add(new Unspent(key, lease.Available));
                    }
                    leases.Remove(key);
                }
            }
        }
        return unspent;
    }

    /// <summary>Whether <paramref name="leasesOfCharge"/>, the buckets' current leases in their order, hold every credit the charge costs.</summary>
    private static bool HoldEnough(CreditBucket[] buckets, Lease[] leasesOfCharge)
    {
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i].Cost > 0 && leasesOfCharge[i].Available < buckets[i].Cost)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Spends the charge from <paramref name="leasesOfCharge"/>, the buckets' current leases in their order.</summary>
    private static CreditReceipt Spend(CreditBucket[] buckets, Lease[] leasesOfCharge)
    {
        var used = new long[buckets.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            var lease = leasesOfCharge[i];
            lease.Available -= buckets[i].Cost;
            used[i] = lease.SharedUsed - lease.Available;
        }
        return new CreditReceipt(used, CreditReceipt.None);
    }

    /// <summary>The bucket's lease in its window and under its limit; null when there is none.</summary>
    private Lease? Current(CreditBucket bucket, DateTimeOffset now)
    {
        if (!leases.TryGetValue(bucket.Key, out var lease) || lease.ResetsAt <= now)
        {
            return null;
        }
        if (lease.Limit != bucket.Limit)
        {
            // An operator changed the limit: what was reserved under the old one is not spent under the new one, but given back.
            if (lease.Available > 0)
            {
                withdrawn.Add(new Unspent(bucket.Key, lease.Available));
            }
            lease.Limit = bucket.Limit;
            lease.SharedUsed -= lease.Available;
            lease.Available = 0;
        }
        return lease;
    }

    private Lease Open(CreditBucket bucket)
    {
        var timestamp = time.GetTimestamp();
        var lease = new Lease(bucket.Limit, bucket.ResetsAt) { LastChargeTimestamp = timestamp, TickStart = timestamp };
        leases[bucket.Key] = lease;
        return lease;
    }

    /// <summary>A tenth of a second of the budget's charges in this process, when it is charged often enough to lease.</summary>
    private static int WantOf(Lease lease, int cost)
    {
        var rate = Math.Max(lease.ChargesThisTick, lease.ChargesLastTick);
        return rate < MinimumLease ? 0 : Math.Min(rate, MaximumLease) * Math.Max(cost, 1);
    }

    private void Count(Lease lease, long timestamp)
    {
        if (timestamp - lease.TickStart >= rateTick)
        {
            lease.ChargesLastTick = timestamp - lease.TickStart < 2 * rateTick ? lease.ChargesThisTick : 0;
            lease.ChargesThisTick = 0;
            lease.TickStart = timestamp;
        }
        lease.ChargesThisTick++;
        lease.LastChargeTimestamp = timestamp;
    }
}
