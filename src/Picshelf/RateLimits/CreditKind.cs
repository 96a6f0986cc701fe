namespace Picshelf.RateLimits;

public enum CreditKind
{
    Request,
    Upload,
    Free,
}
