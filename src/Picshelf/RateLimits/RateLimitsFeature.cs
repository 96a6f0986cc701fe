using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;
using Picshelf.Data;
using Picshelf.OAuth;

namespace Picshelf.RateLimits;

public static class RateLimitsFeature
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CreditPolicy>();
        services.AddSingleton<MonthlyBlock>();
        services.AddSingleton<CreditCharger>();
        services.AddScoped<ClientLimitsAdministration>();
        services.AddSingleton<ICreditCounter>(provider => provider.GetRequiredService<IOptions<RedisOptions>>().Value.IsConfigured
            ? ActivatorUtilities.CreateInstance<RedisCreditCounter>(provider)
            : new MemoryCreditCounter());
        services.AddHostedService<CreditLeaseReturn>();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ThrottleOptions>().BindConfiguration(ThrottleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AttemptThrottle>();
        services.AddSingleton<ITokenExchangeThrottle, TokenExchangeThrottle>();
        services.AddSingleton<IPasswordAttemptThrottle, PasswordAttemptThrottle>();
        services.AddOptions<VerificationMailOptions>().BindConfiguration(VerificationMailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IVerificationMailThrottle, VerificationMailThrottle>();
        // Browser apps read their budgets from these headers; they go before Retry-After, where they always were.
        services.PostConfigure<CorsOptions>(cors =>
        {
            var exposed = cors.GetPolicy(cors.DefaultPolicyName)!.ExposedHeaders;
            var at = exposed.IndexOf("Retry-After");
            foreach (var header in RateLimitHeaders.All)
            {
                exposed.Insert(at < 0 ? exposed.Count : at++, header);
            }
        });
        return services;
    }

    /// <summary>Charges every <c>/3/</c> call once its route is known, unless <c>RateLimits:Enabled</c> is false.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled ? app.UseMiddleware<CreditCharging>() : app;
}
