using Microsoft.AspNetCore.Identity;

namespace Picshelf.Accounts;

public static class AccountsFeature
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<FreedUsernames>();
        services.AddScoped<AccountRegistration>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<AccountSettings>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<AccountAdministration>();
        services.AddSingleton<AccountSessions>();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MailSender>();
        services.AddHostedService(provider => provider.GetRequiredService<MailSender>());
        services.AddScoped<EmailVerification>();
        return services;
    }
}
