namespace Picshelf.RateLimits;

public enum CreditKind
{
    Request,
    Upload,
    Free,
}

/// <summary>Endpoint metadata naming what a route costs; routes without it cost an ordinary request.</summary>
public sealed class CreditCost(CreditKind kind)
{
    public CreditKind Kind { get; } = kind;
}

public static class CreditCostExtensions
{
    private static readonly CreditCost Upload = new(CreditKind.Upload);
    private static readonly CreditCost Free = new(CreditKind.Free);

    public static TBuilder CostsUploadCredits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Upload);

    public static TBuilder CostsNoCredits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Free);
}
