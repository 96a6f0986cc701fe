namespace Picshelf.OAuth;

public sealed record CreatedClient(string ClientId, string ClientSecret);
