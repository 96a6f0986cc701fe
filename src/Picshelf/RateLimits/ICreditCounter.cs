namespace Picshelf.RateLimits;

/// <summary>One budget a request draws on: the credits used so far in its window live under <paramref name="Key"/>.</summary>
public readonly record struct CreditBucket(string Key, long Limit, int Cost, DateTimeOffset ResetsAt);

/// <summary>
/// The outcome of one charge. <see cref="Used"/> holds, per bucket, the credits used after the charge, or
/// before it when the charge was refused; <see cref="RefusedBucket"/> is the first bucket that had too few.
/// </summary>
public readonly record struct CreditReceipt(long[] Used, int RefusedBucket)
{
    public const int None = -1;

    public bool Accepted => RefusedBucket == None;
}

/// <summary>
/// Charges every bucket of a request at once or none of them: a request refused by one limit costs
/// nothing in the others, and concurrent charges never overspend a budget. A cost of zero only reads a
/// budget; a negative cost gives credits back (never refused).
/// </summary>
public interface ICreditCounter
{
    ValueTask<CreditReceipt> ChargeAsync(CreditBucket[] buckets, DateTimeOffset now, CancellationToken cancellationToken);
}
