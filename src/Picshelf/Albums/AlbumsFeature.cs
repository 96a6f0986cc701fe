using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Images;

namespace Picshelf.Albums;

public static class AlbumsFeature
{
    public static IServiceCollection AddAlbums(this IServiceCollection services)
    {
        services.AddSingleton<AlbumChanges>();
        services.AddScoped<AlbumPresenter>();
        services.AddScoped<AlbumRemoval>();
        services.AddScoped<AlbumEditing>();
        services.AddScoped<AccountAlbums>();
        services.AddScoped<IItemIdOwner, AlbumIdOwner>();
        services.AddScoped<IUploadAlbums, UploadAlbums>();
        services.AddScoped<AccountAlbumChanges>();
        services.AddScoped<IAccountRenameListener>(provider => provider.GetRequiredService<AccountAlbumChanges>());
        services.AddScoped<IAccountDeletionStep>(provider => provider.GetRequiredService<AccountAlbumChanges>());
        return services;
    }
}
