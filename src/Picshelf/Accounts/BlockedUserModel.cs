namespace Picshelf.Accounts;

public sealed record BlockedUserModel(int BlockedId, string BlockedUrl);
