using Microsoft.Extensions.Options;
using Picshelf.Telemetry;

namespace Picshelf.Storage;

public static class StorageFeature
{
    /// <summary>The blob store <c>Storage:Provider</c> names.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IBlobStore>(provider => new MeasuredBlobStore(
            BlobStoreOf(provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider, provider), provider.GetRequiredService<PicshelfMetrics>()));
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
