namespace Picshelf.RateLimits;

/// <summary>The state of a request's budgets after its charge, for its headers and for <c>GET /3/credits</c>.</summary>
public sealed record CreditState(CreditBucket[] Buckets, CreditReceipt Receipt, DateTimeOffset ChargedAt)
{
    public long Limit(int bucket) => Buckets[bucket].Limit;

    public long Remaining(int bucket) => Math.Max(0, Buckets[bucket].Limit - Receipt.Used[bucket]);

    public DateTimeOffset ResetsAt(int bucket) => Buckets[bucket].ResetsAt;

    /// <summary>The bucket of that budget, or -1 when the request does not draw on it.</summary>
    public int IndexOf(CreditBudget budget)
    {
        // A loop, not Array.FindIndex: a lambda capturing the budget is an allocation per call, four per API answer.
        for (var i = 0; i < Buckets.Length; i++)
        {
            if (Buckets[i].Budget == budget)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The budget the user headers tell: the account's, or its address's when fewer of those are left, since either refuses
    /// the next request once spent.
    /// </summary>
    public int UserBucket
    {
        get
        {
            var user = IndexOf(CreditBudget.User);
            var address = IndexOf(CreditBudget.Address);
            return address >= 0 && Remaining(address) < Remaining(user) ? address : user;
        }
    }
}
