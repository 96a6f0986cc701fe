using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.Media;
using Picshelf.OAuth;
using Picshelf.RateLimits;
using Picshelf.Storage;

namespace Picshelf;

/// <summary>The services the server and the command-line verbs share, configured the same way.</summary>
public static class PicshelfServices
{
    /// <summary>Maps <c>--data DIR</c> on every verb to the data directory setting.</summary>
    public static readonly Dictionary<string, string> SwitchMappings = new() { ["--data"] = $"{StorageOptions.Section}:DataDirectory" };

    public static IServiceCollection AddPicshelf(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section);
        services.AddOptions<AccessTokenOptions>().BindConfiguration(AccessTokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section)
            .Validate(redis => !redis.IsConfigured || RedisConnection.IsValidConfiguration(redis.Configuration!),
                "Redis:Configuration is not a valid StackExchange.Redis configuration string")
            .ValidateOnStart();
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section);
        services.AddOptions<Web.WebOptions>().BindConfiguration(Web.WebOptions.Section);

        services.AddSingleton(TimeProvider.System);
        // Ids, clients and tokens: every entry has size 1, so this bounds what floods of random ids can fill.
        services.AddMemoryCache(cache => cache.SizeLimit = 200_000);
        services.AddOptions<FormOptions>().Configure<IOptions<UploadOptions>>((form, uploads) =>
        {
            // urlencoded uploads carry the image as one base64 value.
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, uploads.Value.MaxRequestBytes);
            form.MultipartBodyLengthLimit = uploads.Value.MaxRequestBytes;
        });
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        switch (database.Provider.ToLowerInvariant())
        {
            case DatabaseOptions.Postgres:
                var connectionString = database.ConnectionString
                    ?? throw new InvalidOperationException("Database:Provider is postgres, so Database:ConnectionString must name the server and database");
                services.AddDbContextPool<PicshelfDb, PostgresPicshelfDb>(options => options.UseNpgsql(connectionString));
                services.AddSingleton<IDatabaseDialect, PostgresDialect>();
                break;
            case DatabaseOptions.Sqlite:
                services.AddDbContextPool<PicshelfDb, SqlitePicshelfDb>((provider, options) =>
                {
                    var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                    Directory.CreateDirectory(storage.FullDataDirectory);
                    options.UseSqlite(database.ConnectionString ?? $"Data Source={Path.Combine(storage.FullDataDirectory, "picshelf.db")}")
                        .AddInterceptors(new SqliteTuning());
                });
                services.AddSingleton<IDatabaseDialect, SqliteDialect>();
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{database.Provider}' is not sqlite or postgres");
        }

        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddScoped<AccountRegistration>();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<AccountSettings>();
        services.AddScoped<AccountDeletion>();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MailSender>();
        services.AddScoped<EmailVerification>();
        services.AddScoped<Comments.AccountComments>();
        services.AddScoped<Gallery.TagFollowing>();
        services.AddScoped<Gallery.AccountGallery>();
        services.AddScoped<Albums.AlbumPresenter>();
        services.AddScoped<Albums.AlbumRemoval>();
        services.AddScoped<Albums.AlbumEditing>();
        services.AddScoped<Albums.AccountAlbums>();
        services.AddScoped<ClientRegistration>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<AuthorizationCodes>();
        services.AddSingleton<CallerDirectory>();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<CacheInvalidation>();

        services.AddSingleton<CreditPolicy>();
        services.AddSingleton<MonthlyBlock>();
        services.AddScoped<ClientLimitsAdministration>();
        services.AddSingleton<ICreditCounter>(provider => provider.GetRequiredService<IOptions<RedisOptions>>().Value.IsConfigured
            ? ActivatorUtilities.CreateInstance<RedisCreditCounter>(provider)
            : new MemoryCreditCounter());

        services.AddSingleton<IBlobStore>(provider => BlobStoreOf(provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider, provider));
        services.AddSingleton<UploadStaging>();
        services.AddScoped<BlobMaintenance>();
        services.AddSingleton<IImageProcessor, VipsImageProcessor>();
        services.AddSingleton<RemoteImageFetcher>();
        services.AddScoped<ImageUpload>();
        services.AddSingleton<ImageDirectory>();
        services.AddScoped<ImageRemoval>();

        services.AddSingleton<PublicLinks>();
        services.AddSingleton<HotBlobCache>();
        services.AddSingleton<ThumbnailService>();
        services.AddSingleton<ViewCounter>();
        services.AddSingleton<MediaWork>();
        return services;
    }

    /// <summary>A blob store by its <c>Storage:Provider</c> name; <c>storage copy</c> opens both kinds at once.</summary>
    public static IBlobStore BlobStoreOf(string provider, IServiceProvider services) => provider.ToLowerInvariant() switch
    {
        StorageOptions.FileSystem => ActivatorUtilities.CreateInstance<FileSystemBlobStore>(services),
        StorageOptions.S3Provider => ActivatorUtilities.CreateInstance<S3BlobStore>(services),
        _ => throw new InvalidOperationException($"Storage:Provider '{provider}' is not filesystem or s3"),
    };
}
