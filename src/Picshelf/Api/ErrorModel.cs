namespace Picshelf.Api;

/// <summary>The <c>data</c> of an error envelope: <c>{"error":"…","request":"/3/…","method":"GET"}</c>.</summary>
public sealed record ErrorModel(string Error, string Request, string Method);

/// <summary>The object form of <c>error</c> that Imgur uses for upload failures.</summary>
public sealed record UploadErrorDetail(int Code, string Message, string Type, IReadOnlyList<string> Exception);

public sealed record UploadErrorModel(UploadErrorDetail Error, string Request, string Method);
