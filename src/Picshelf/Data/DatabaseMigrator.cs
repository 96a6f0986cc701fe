using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Picshelf.Data;

/// <summary>
/// Brings the database to the current schema before the server takes requests. A database that cannot be
/// reached stops the start with a message naming it (never its password), so the operator sees what is missing.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is DbException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"The {options.Value.Provider} database cannot be reached or brought up to date ({Describe(db)}): {failure.GetBaseException().Message}", failure);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Describe(PicshelfDb db)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = db.Database.GetConnectionString() };
        foreach (var secret in new[] { "Password", "Pwd" })
        {
            builder.Remove(secret);
        }
        return builder.ConnectionString ?? "";
    }
}
