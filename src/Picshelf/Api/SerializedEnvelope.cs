namespace Picshelf.Api;

/// <summary>
/// A success envelope serialized ahead of time (<see cref="ImgurResponseWriter.Success"/>), with the entity tag of its
/// bytes and whether they hold an owner's secret (<see cref="ImgurResponseWriter.HoldsSecrets"/>), both found once.
/// </summary>
public sealed record SerializedEnvelope(ReadOnlyMemory<byte> Json, string EntityTag, bool HoldsSecrets);
