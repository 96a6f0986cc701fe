namespace Picshelf.RateLimits;

/// <summary>Endpoint metadata naming what a route costs; routes without it cost an ordinary request.</summary>
public sealed class CreditCost(CreditKind kind)
{
    public CreditKind Kind { get; } = kind;
}
