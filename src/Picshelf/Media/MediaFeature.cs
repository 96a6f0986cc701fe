namespace Picshelf.Media;

public static class MediaFeature
{
    /// <summary>libvips behind <see cref="IImageProcessor"/>, its limits, and the queue that gives it one job per core.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaLimits>().BindConfiguration(MediaLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IImageProcessor, VipsImageProcessor>();
        services.AddSingleton<MediaWork>();
        return services;
    }
}
