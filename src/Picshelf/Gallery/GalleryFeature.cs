using Picshelf.Accounts;
using Picshelf.Images;

namespace Picshelf.Gallery;

public static class GalleryFeature
{
    public static IServiceCollection AddGallery(this IServiceCollection services)
    {
        services.AddOptions<GalleryOptions>().BindConfiguration(GalleryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<GalleryPresenter>();
        services.AddScoped<GalleryLists>();
        services.AddScoped<GallerySharing>();
        services.AddScoped<GalleryVoting>();
        services.AddScoped<GalleryModeration>();
        services.AddScoped<GalleryTagging>();
        services.AddScoped<TagPresenter>();
        services.AddScoped<GallerySearch>();
        services.AddScoped<GalleryPostDeletion>();
        services.AddScoped<IAccountRenameListener, GallerySearchRename>();
        services.AddScoped<IAccountDeletionStep, GalleryAccountDeletion>();
        services.AddScoped<TagFollowing>();
        services.AddScoped<AccountGallery>();
        services.AddScoped<AccountFavorites>();
        services.AddScoped<IGalleryMembership, GalleryMembership>();
        return services;
    }
}
