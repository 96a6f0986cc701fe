using Picshelf.Accounts;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Comments;
using Picshelf.Data;
using Picshelf.Gallery;
using Picshelf.Images;
using Picshelf.Media;
using Picshelf.OAuth;
using Picshelf.RateLimits;
using Picshelf.Serving;
using Picshelf.Storage;
using Picshelf.Telemetry;

namespace Picshelf;

/// <summary>The services the server and the command-line verbs share: every feature's, registered by the feature itself.</summary>
public static class PicshelfServices
{
    /// <summary>Maps <c>--data DIR</c> on every verb to the data directory setting.</summary>
    public static readonly Dictionary<string, string> SwitchMappings = new() { ["--data"] = $"{StorageOptions.Section}:DataDirectory" };

    /// <remarks>
    /// Hosted services start in this order (the database is migrated first, after the pages' data protection, which
    /// the server adds before these) and stop in the reverse one, so view counts are written before the database goes.
    /// </remarks>
    public static IServiceCollection AddPicshelf(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // Ids, clients and tokens: every entry has size 1, so this bounds what floods of random ids can fill.
        services.AddMemoryCache(cache => cache.SizeLimit = 200_000);
        return services
            .AddPicshelfMetrics()
            .AddMedia()
            .AddStorage()
            .AddData(configuration)
            .AddApi()
            .AddAccounts()
            .AddOAuth()
            .AddRateLimits()
            .AddImages()
            .AddServing()
            .AddAlbums()
            .AddComments()
            .AddGallery();
    }
}
