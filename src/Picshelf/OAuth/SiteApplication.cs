using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>
/// The application the site's own pages upload through: every image and album row names an application, and a browser
/// has none. There is one per instance, under a fixed id, so processes starting at once on one database agree on it
/// without coordinating, and it is charged credits like any other application. It has no owner, so no applications page
/// lists or deletes it, and no secret anyone knows, so its tokens come only from <see cref="TokenIssuer"/> on the site's
/// behalf.
/// </summary>
public sealed class SiteApplication(IServiceScopeFactory scopes, IOptions<SiteNameOptions> site, TimeProvider time) : IHostedService
{
    /// <summary>Not 15 hex digits, so no registered application can ever be given it.</summary>
    public const string ClientId = "picshelf-site";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
        var name = site.Value.SiteName.Trim();
        if (!await db.Clients.AnyAsync(c => c.Id == ClientId, cancellationToken))
        {
            db.Clients.Add(new Client
            {
                Id = ClientId,
                SecretHash = TokenDigest.Of(TokenDigest.NewToken()),
                Name = name,
                CreatedAt = time.GetUtcNow().ToUnixTimeSeconds(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another process starting on the same database may have inserted it first: the key makes that the one row.
                db.ChangeTracker.Clear();
                if (!await db.Clients.AsNoTracking().AnyAsync(c => c.Id == ClientId, cancellationToken))
                {
                    throw;
                }
            }
        }
        // The operator may rename the site; the application shows its name on the consent page and in its tokens' answers.
        // Read first: an UPDATE takes SQLite's write lock even when it changes nothing, and a start need not queue behind
        // another writer for a name that stayed the same.
        if (await db.Clients.AnyAsync(c => c.Id == ClientId && c.Name != name, cancellationToken))
        {
            await db.Clients.Where(c => c.Id == ClientId && c.Name != name).ExecuteUpdateAsync(set => set.SetProperty(c => c.Name, name), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
