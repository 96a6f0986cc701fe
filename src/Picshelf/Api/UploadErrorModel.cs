namespace Picshelf.Api;

public sealed record UploadErrorModel(UploadErrorDetail Error, string Request, string Method);
