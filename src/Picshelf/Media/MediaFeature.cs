namespace Picshelf.Media;

public static class MediaFeature
{
    /// <summary>libvips behind <see cref="IImageProcessor"/>, its limits, the queue that gives it one job per core, and ffmpeg.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaLimits>().BindConfiguration(MediaLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IImageProcessor, VipsImageProcessor>();
        services.AddSingleton<MediaWork>();
        services.AddOptions<TranscodeOptions>().BindConfiguration(TranscodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExternalTools>();
        services.AddSingleton<VideoTranscoder>();
        services.AddSingleton<ForeignImageDecoder>();
        return services;
    }
}
