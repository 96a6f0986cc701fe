using System.Globalization;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Telemetry;

namespace Picshelf.RateLimits;

/// <summary>
/// Charges one request to its caller's budgets: every <c>/3/</c> call (<see cref="CreditCharging"/>) and every change a
/// page makes through the API's code (the web site's forms), so a budget is one budget however it is spent. The
/// X-RateLimit headers are added as the response starts, so they are on every answer, errors included, whoever writes it.
/// Nothing is charged while <c>RateLimits:Enabled</c> is false.
/// </summary>
public sealed class CreditCharger(CreditPolicy policy, ICreditCounter counter, MonthlyBlock monthlyBlock, TimeProvider time, IOptions<RateLimitOptions> options,
    PicshelfMetrics metrics)
{
    /// <summary>Null when the request may go on; else its refusal: 403 while the application is blocked for the month, 429 with Retry-After when a budget is spent.</summary>
    public async Task<ApiException?> ChargeAsync(HttpContext context, Caller caller)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var blocked = caller.Client?.BlockedUntil is { } blockedUntil && blockedUntil > now.ToUnixTimeSeconds();
        // A blocked application is charged nothing, but its answer still tells it where its budgets stand.
        var buckets = policy.BucketsFor(context, caller, now, charged: !blocked);
        var receipt = await counter.ChargeAsync(buckets, now, context.RequestAborted);
        var state = new CreditState(buckets, receipt, now);
        context.Features.Set(state);
        context.Response.OnStarting(static state => WriteHeaders((HttpContext)state), context);

        if (blocked)
        {
            return ApiException.Forbidden(MonthlyBlock.Message(caller.Client!.BlockedUntil!.Value));
        }
        if (receipt.Accepted)
        {
            return null;
        }
        var refused = receipt.RefusedBucket;
        metrics.CreditsRefused.Add(1, new KeyValuePair<string, object?>("budget", buckets[refused].Budget.ToString().ToLowerInvariant()));
        if (buckets[refused].Budget == CreditBudget.Client)
        {
            await monthlyBlock.RecordDailyLimitHitAsync(caller.ClientId, now);
        }
        var wait = state.ResetsAt(refused) - now;
        return ApiException.TooManyRequests(RefusalMessage(caller, policy.ChargesAsAnonymous(caller), state, refused, wait), wait);
    }

    private static Task WriteHeaders(HttpContext context)
    {
        var state = context.Features.Get<CreditState>()!;
        var headers = context.Response.Headers;
        var user = state.UserBucket;
        headers[RateLimitHeaders.UserLimit] = Text(state.Limit(user));
        headers[RateLimitHeaders.UserRemaining] = Text(state.Remaining(user));
        headers[RateLimitHeaders.UserReset] = Text(state.ResetsAt(user).ToUnixTimeSeconds());
        // An anonymous caller's user is its address, as for an application's callers without a token; it has no
        // application, so no application budget to tell.
        if (state.IndexOf(CreditBudget.Client) is var client and >= 0)
        {
            headers[RateLimitHeaders.ClientLimit] = Text(state.Limit(client));
            headers[RateLimitHeaders.ClientRemaining] = Text(state.Remaining(client));
        }
        if (state.IndexOf(CreditBudget.Posts) is var posts and >= 0)
        {
            headers[RateLimitHeaders.PostLimit] = Text(state.Limit(posts));
            headers[RateLimitHeaders.PostRemaining] = Text(state.Remaining(posts));
            headers[RateLimitHeaders.PostReset] = Text(SecondsUntil(state.ResetsAt(posts) - state.ChargedAt));
        }
        return Task.CompletedTask;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long SecondsUntil(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));

    private static string RefusalMessage(Caller caller, bool unverified, CreditState state, int bucket, TimeSpan wait)
    {
        var cost = state.Buckets[bucket].Cost;
        var limit = state.Limit(bucket);
        var resetsAt = state.ResetsAt(bucket).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var waitText = wait >= TimeSpan.FromMinutes(1)
            ? $"{(int)Math.Ceiling(wait.TotalMinutes)} more minutes"
            : $"{SecondsUntil(wait)} more seconds";
        if (caller.IsAnonymous)
        {
            return $"This address has {state.Remaining(bucket)} of its {limit} credits without credentials for this hour left and this request costs {cost}. They reset at {resetsAt}: please wait {waitText}, or call with an application's Client-ID.";
        }
        if (unverified && state.Buckets[bucket].Budget == CreditBudget.User)
        {
            return $"This account has not verified its e-mail address, so its calls draw on its address's {limit} credits without credentials for this hour: {state.Remaining(bucket)} are left and this request costs {cost}. They reset at {resetsAt}: please wait {waitText}, or verify the address.";
        }
        return state.Buckets[bucket].Budget switch
        {
            CreditBudget.Client =>
                $"This application has {state.Remaining(bucket)} of its {limit} credits for today left and this request costs {cost}. They reset at {resetsAt}: please wait {waitText}.",
            CreditBudget.User =>
                $"You have {state.Remaining(bucket)} of your {limit} credits with this application for this hour left and this request costs {cost}. They reset at {resetsAt}: please wait {waitText}.",
            CreditBudget.Address =>
                $"Your address has {state.Remaining(bucket)} of its {limit} credits with this application for this hour left, shared by every account calling from it, and this request costs {cost}. They reset at {resetsAt}: please wait {waitText}.",
            _ =>
                $"You are posting too fast: {limit} POST requests per hour are allowed from one address. They reset at {resetsAt}: please wait {waitText}.",
        };
    }
}
