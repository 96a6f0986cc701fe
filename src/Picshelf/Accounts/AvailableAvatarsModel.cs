namespace Picshelf.Accounts;

public sealed record AvailableAvatarsModel(IReadOnlyList<AvailableAvatarModel> AvailableAvatars, int Count);
