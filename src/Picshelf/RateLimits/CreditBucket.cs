namespace Picshelf.RateLimits;

/// <summary>One budget a request draws on: the credits used so far in its window live under <paramref name="Key"/>.</summary>
public readonly record struct CreditBucket(string Key, long Limit, int Cost, DateTimeOffset ResetsAt, CreditBudget Budget = CreditBudget.Other);
