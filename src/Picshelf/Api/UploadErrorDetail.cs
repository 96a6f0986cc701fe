namespace Picshelf.Api;

/// <summary>The object form of <c>error</c> that Imgur uses for upload failures.</summary>
public sealed record UploadErrorDetail(int Code, string Message, string Type, IReadOnlyList<string> Exception);
