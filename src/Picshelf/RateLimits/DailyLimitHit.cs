namespace Picshelf.RateLimits;

/// <summary>A UTC day on which an application was refused for having used all its daily credits.</summary>
public sealed class DailyLimitHit
{
    public required string ClientId { get; set; }
    public DateOnly Day { get; set; }
}
