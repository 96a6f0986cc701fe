using System.Text.Json.Serialization;
using Picshelf.Api;

namespace Picshelf.RateLimits;

/// <summary>The body of <c>GET /3/credits</c>: Imgur spells these keys in PascalCase (spec/models.md §2.18).</summary>
public sealed record CreditsModel(
    [property: JsonPropertyName("UserLimit")] long UserLimit,
    [property: JsonPropertyName("UserRemaining")] long UserRemaining,
    [property: JsonPropertyName("UserReset")] long UserReset,
    [property: JsonPropertyName("ClientLimit")] long ClientLimit,
    [property: JsonPropertyName("ClientRemaining")] long ClientRemaining);

public static class CreditsEndpoints
{
    public static void MapCreditsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/3/credits", GetCredits).CostsNoCredits();

    /// <summary>The request itself is free, so its charge already holds the current state; without a limiter every budget is whole.</summary>
    public static ImgurResult<CreditsModel> GetCredits(HttpContext context, Caller caller, CreditPolicy policy, TimeProvider time)
    {
        var state = context.Features.Get<CreditState>() ?? policy.Unmetered(context, caller, time.GetUtcNow());
        return ImgurResult.Ok(new CreditsModel(
            state.Limit(CreditPolicy.UserBucket),
            state.Remaining(CreditPolicy.UserBucket),
            state.ResetsAt(CreditPolicy.UserBucket).ToUnixTimeSeconds(),
            state.Limit(CreditPolicy.ClientBucket),
            state.Remaining(CreditPolicy.ClientBucket)));
    }
}
