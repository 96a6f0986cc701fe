namespace Picshelf.Api;

public sealed record LivenessModel(string Status);
