namespace Picshelf.Api;

/// <summary>A success envelope serialized ahead of time (<see cref="ImgurResponseWriter.Success"/>), with the entity tag of its bytes.</summary>
public sealed record SerializedEnvelope(ReadOnlyMemory<byte> Json, string EntityTag);
