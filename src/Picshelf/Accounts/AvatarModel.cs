namespace Picshelf.Accounts;

public sealed record AvatarModel(string? Avatar, string? AvatarName);
