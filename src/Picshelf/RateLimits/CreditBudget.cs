namespace Picshelf.RateLimits;

/// <summary>Which of a request's budgets a bucket is, so its headers and refusal can name it whatever buckets come before it.</summary>
public enum CreditBudget
{
    /// <summary>A throttle's count, which no rate-limit header shows.</summary>
    Other,
    /// <summary>The application's credits for the UTC day.</summary>
    Client,
    /// <summary>The user's credits with the application for the hour: the account's with a Bearer token, else the address's.</summary>
    User,
    /// <summary>With a Bearer token, the address's credits with the application for the hour, shared by every account calling from it.</summary>
    Address,
    /// <summary>The address's POSTs for the hour, across all applications.</summary>
    Posts,
}
