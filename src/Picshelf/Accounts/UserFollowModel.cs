namespace Picshelf.Accounts;

public sealed record UserFollowModel(bool Status);
