namespace Picshelf.RateLimits;

/// <summary>
/// Charges every bucket of a request at once or none of them: a request refused by one limit costs
/// nothing in the others, and concurrent charges never overspend a budget. A cost of zero only reads a
/// budget; a negative cost gives credits back (never refused).
/// </summary>
public interface ICreditCounter
{
    ValueTask<CreditReceipt> ChargeAsync(CreditBucket[] buckets, DateTimeOffset now, CancellationToken cancellationToken);
}
