namespace Picshelf.Accounts;

/// <summary>What <c>users create</c> prints.</summary>
public sealed record CreatedAccount(int Id, string Url);
