namespace Picshelf.Accounts;

public sealed record AvailableAvatarModel(string Name, string Location);
