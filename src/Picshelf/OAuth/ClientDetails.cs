namespace Picshelf.OAuth;

/// <summary>What a developer may say about an application when registering it.</summary>
public sealed record ClientDetails(string Name, string? RedirectUri, string? Website = null, string? Email = null, string? Description = null);
