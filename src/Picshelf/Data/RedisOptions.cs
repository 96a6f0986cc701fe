namespace Picshelf.Data;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string such as <c>127.0.0.1:6379,password=…</c>; empty means no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key, so several installations can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "picshelf:";

    /// <summary>How long a request waits for Redis before going on without it.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
