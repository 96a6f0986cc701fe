using Picshelf.Images;

namespace Picshelf.Gallery;

public static class GalleryFeature
{
    public static IServiceCollection AddGallery(this IServiceCollection services)
    {
        services.AddScoped<TagFollowing>();
        services.AddScoped<AccountGallery>();
        services.AddScoped<AccountFavorites>();
        services.AddScoped<IGalleryMembership, GalleryMembership>();
        return services;
    }
}
