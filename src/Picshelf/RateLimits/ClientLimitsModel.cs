namespace Picshelf.RateLimits;

/// <summary>An application's effective limits, as the <c>clients limits</c> and <c>clients unblock</c> verbs print them.</summary>
public sealed record ClientLimitsModel(string ClientId, int CreditsPerDay, int UserCreditsPerHour, bool Commercial, long? BlockedUntil);
