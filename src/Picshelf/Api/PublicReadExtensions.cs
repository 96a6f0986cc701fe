namespace Picshelf.Api;

public static class PublicReadExtensions
{
    private static readonly PublicRead Metadata = new();

    /// <summary>Lets a caller without credentials read through these routes, charged to its address (docs/imgur-compatibility.md §4.4).</summary>
    public static TBuilder AnswersWithoutCredentials<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Metadata);
}
