namespace Picshelf.Api;

/// <summary>
/// Endpoint metadata of a read that answers without an <c>Authorization</c> header (the npm <c>imgur</c> package's
/// <c>getAccount</c> sends none): public data that any application's Client-ID may already read. Writes and the
/// owner's own data never carry it.
/// </summary>
public sealed class PublicRead;
