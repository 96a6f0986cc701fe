using Picshelf.Images;

namespace Picshelf.Serving;

public static class ServingFeature
{
    public static IServiceCollection AddServing(this IServiceCollection services)
    {
        services.AddOptions<ServingOptions>().BindConfiguration(ServingOptions.Section);
        services.AddSingleton<HotBlobCache>();
        services.AddSingleton<IImageBytesCache>(provider => provider.GetRequiredService<HotBlobCache>());
        services.AddSingleton<ThumbnailService>();
        services.AddSingleton<VariantService>();
        return services;
    }
}
