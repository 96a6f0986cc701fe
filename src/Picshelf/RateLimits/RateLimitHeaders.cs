namespace Picshelf.RateLimits;

/// <summary>Imgur's rate-limit response headers: written on every charged answer and exposed to browser apps through CORS.</summary>
public static class RateLimitHeaders
{
    public const string UserLimit = "X-RateLimit-UserLimit";
    public const string UserRemaining = "X-RateLimit-UserRemaining";
    public const string UserReset = "X-RateLimit-UserReset";
    public const string ClientLimit = "X-RateLimit-ClientLimit";
    public const string ClientRemaining = "X-RateLimit-ClientRemaining";
    public const string PostLimit = "X-Post-Rate-Limit-Limit";
    public const string PostRemaining = "X-Post-Rate-Limit-Remaining";
    public const string PostReset = "X-Post-Rate-Limit-Reset";

    public static readonly string[] All = [UserLimit, UserRemaining, UserReset, ClientLimit, ClientRemaining, PostLimit, PostRemaining, PostReset];
}
