using Picshelf.Api;

namespace Picshelf.RateLimits;

/// <summary>
/// Charges every <c>/3/</c> request before its handler runs and answers 429 when a budget is spent, or 403
/// while the application is blocked for the month.
/// </summary>
public sealed class CreditCharging(RequestDelegate next, CreditCharger charger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<Caller>() is { } caller && await charger.ChargeAsync(context, caller) is { } refusal)
        {
            // Written, not thrown: a spent budget can be refused thousands of times a second.
            await ImgurErrors.WriteAsync(context, refusal);
            return;
        }
        await next(context);
    }
}
