using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Albums;
using Picshelf.Comments;
using Picshelf.Gallery;
using Picshelf.Images;
using Picshelf.OAuth;
using Picshelf.RateLimits;

namespace Picshelf.Data;

/// <summary>The one data model; each provider subclass owns its migrations (docs/architecture.md).</summary>
public abstract class PicshelfDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<FreedUsername> FreedUsernames => Set<FreedUsername>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<AuthorizationCode> AuthorizationCodes => Set<AuthorizationCode>();
    public DbSet<DailyLimitHit> DailyLimitHits => Set<DailyLimitHit>();
    public DbSet<Image> Images => Set<Image>();
    public DbSet<ImageFavorite> ImageFavorites => Set<ImageFavorite>();
    public DbSet<RenditionJob> RenditionJobs => Set<RenditionJob>();
    public DbSet<Album> Albums => Set<Album>();
    public DbSet<AlbumImage> AlbumImages => Set<AlbumImage>();
    public DbSet<AlbumFavorite> AlbumFavorites => Set<AlbumFavorite>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<GalleryItem> GalleryItems => Set<GalleryItem>();
    public DbSet<GalleryVote> GalleryVotes => Set<GalleryVote>();
    public DbSet<GalleryReport> GalleryReports => Set<GalleryReport>();
    public DbSet<GalleryItemTag> GalleryItemTags => Set<GalleryItemTag>();
    public DbSet<GalleryTagVote> GalleryTagVotes => Set<GalleryTagVote>();
    public DbSet<TagFollow> TagFollows => Set<TagFollow>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentVote> CommentVotes => Set<CommentVote>();
    public DbSet<CommentReport> CommentReports => Set<CommentReport>();
    public DbSet<ReplyNotification> ReplyNotifications => Set<ReplyNotification>();
    public DbSet<CommentThreadVersion> CommentThreadVersions => Set<CommentThreadVersion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PicshelfDb).Assembly);
    }
}
