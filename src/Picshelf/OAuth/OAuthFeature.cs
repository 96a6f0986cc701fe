using Picshelf.Accounts;

namespace Picshelf.OAuth;

public static class OAuthFeature
{
    /// <summary>Applications, tokens and the lookup that turns an <c>Authorization</c> header into the caller.</summary>
    public static IServiceCollection AddOAuth(this IServiceCollection services)
    {
        services.AddOptions<AccessTokenOptions>().BindConfiguration(AccessTokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PublicReadOptions>().BindConfiguration(PublicReadOptions.Section);
        services.AddSingleton<CallerDirectory>();
        services.AddScoped<ClientRegistration>();
        services.AddScoped<AuthorizedApplications>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<AuthorizationCodes>();
        services.AddScoped<IAccountDeletionStep, ApplicationsAccountDeletion>();
        services.AddScoped<IAccountHoldListener, ApplicationsAccountHold>();
        services.AddScoped<IAccountSessionsEndedListener, SiteTokensOfSessions>();
        services.AddHostedService<SiteApplication>();
        services.AddHostedService<FirstStartHint>();
        return services;
    }
}
