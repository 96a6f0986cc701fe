using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;
using Picshelf.Api;

namespace Picshelf.Images;

public static class ImagesFeature
{
    public static IServiceCollection AddImages(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // urlencoded uploads carry the image as one base64 value; multipart bodies are read by Api/MultipartFields.
        services.AddOptions<FormOptions>().Configure<IOptions<UploadOptions>>((form, uploads) =>
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, uploads.Value.MaxTextBytes));
        services.AddOptions<ViewCountOptions>().BindConfiguration(ViewCountOptions.Section);
        services.AddSingleton<UploadStaging>();
        services.AddSingleton<RemoteImageFetcher>();
        services.AddScoped<ImageUpload>();
        services.AddSingleton<ImageDirectory>();
        services.AddScoped<ImageRemoval>();
        services.AddSingleton<ViewCounter>();
        services.AddScoped<ImagePresenter>();
        services.AddScoped<ImageCounts>();
        services.AddScoped<BlobMaintenance>();
        services.AddScoped<InstallBackup>();
        services.AddScoped<IItemIdOwner, ImageIdOwner>();
        services.AddScoped<IAccountDeletionStep, ImagesAccountDeletion>();
        services.AddScoped<IAccountRenameListener, ImageOwnerRename>();
        services.AddHostedService<LeftoverCleanup>();
        services.AddHostedService<ViewFlusher>();
        services.AddOptions<RenditionOptions>().BindConfiguration(RenditionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RenditionWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<RenditionWorker>());
        return services;
    }
}
