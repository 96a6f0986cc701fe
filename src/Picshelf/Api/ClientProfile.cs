namespace Picshelf.Api;

/// <summary>What every request needs to know about its application: its identity and its credit settings.</summary>
public sealed record ClientProfile(string Id, int? CreditsPerDay, int? UserCreditsPerHour, bool Commercial, long? BlockedUntil);
