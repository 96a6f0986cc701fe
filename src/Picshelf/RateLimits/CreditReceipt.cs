namespace Picshelf.RateLimits;

/// <summary>
/// The outcome of one charge. <see cref="Used"/> holds, per bucket, the credits used after the charge, or
/// before it when the charge was refused; <see cref="RefusedBucket"/> is the first bucket that had too few.
/// </summary>
public readonly record struct CreditReceipt(long[] Used, int RefusedBucket)
{
    public const int None = -1;

    public bool Accepted => RefusedBucket == None;
}
