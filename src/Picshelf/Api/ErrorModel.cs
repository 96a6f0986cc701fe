namespace Picshelf.Api;

/// <summary>The <c>data</c> of an error envelope: <c>{"error":"…","request":"/3/…","method":"GET"}</c>.</summary>
public sealed record ErrorModel(string Error, string Request, string Method);
