namespace Picshelf.RateLimits;

public static class CreditCostExtensions
{
    private static readonly CreditCost Upload = new(CreditKind.Upload);
    private static readonly CreditCost Free = new(CreditKind.Free);

    public static TBuilder CostsUploadCredits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Upload);

    public static TBuilder CostsNoCredits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Free);
}
