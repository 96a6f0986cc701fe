namespace Picshelf.RateLimits;

/// <summary>The state of a request's budgets after its charge, for its headers and for <c>GET /3/credits</c>.</summary>
public sealed record CreditState(CreditBucket[] Buckets, CreditReceipt Receipt, DateTimeOffset ChargedAt)
{
    public long Limit(int bucket) => Buckets[bucket].Limit;

    public long Remaining(int bucket) => Math.Max(0, Buckets[bucket].Limit - Receipt.Used[bucket]);

    public DateTimeOffset ResetsAt(int bucket) => Buckets[bucket].ResetsAt;

    public bool LimitsPosts => Buckets.Length > CreditPolicy.PostBucket;
}
