using Picshelf.Api;

namespace Picshelf.RateLimits;

public static class CreditsEndpoints
{
    public static void MapCredits(this IEndpointRouteBuilder app) =>
        app.MapGet("/3/credits", GetCredits).CostsNoCredits();

    /// <summary>The request itself is free, so its charge already holds the current state; without a limiter every budget is whole.</summary>
    public static ImgurResult<CreditsModel> GetCredits(HttpContext context, Caller caller, CreditPolicy policy, TimeProvider time)
    {
        var state = context.Features.Get<CreditState>() ?? policy.Unmetered(context, caller, time.GetUtcNow());
        var user = state.UserBucket;
        var client = state.IndexOf(CreditBudget.Client);
        return ImgurResult.Ok(new CreditsModel(
            state.Limit(user),
            state.Remaining(user),
            state.ResetsAt(user).ToUnixTimeSeconds(),
            state.Limit(client),
            state.Remaining(client)), RateLimitsJson.Default.CreditsModel);
    }
}
