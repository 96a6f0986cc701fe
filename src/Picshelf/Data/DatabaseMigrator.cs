using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Picshelf.Data;

/// <summary>
/// Brings the database to the current schema before the server takes requests. A database that cannot be
/// reached stops the start with a message naming it (never its password), so the operator sees what is missing.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options) : IHostedService
{
    /// <summary>Migrates to the current schema, one process at a time; the <c>migrate</c> verb and every start use it.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PicshelfDb>();
        await using var migrating = await services.GetRequiredService<IDatabaseDialect>().LockMigrationsAsync(db, cancellationToken);
        // A migration that fills a new column rewrites every row of its table (three million tag rows took over a
        // minute on PostgreSQL), far past the 30 s a request's statement gets; only the caller's cancellation stops it.
        db.Database.SetCommandTimeout(0);
        // Npgsql's history repository learns that a new database has no history table by reading it and catching the
        // failure, which EF logs at Error on every first start (npgsql/efcore.pg#3407); creating the table first,
        // with the statement the provider itself would run, leaves that read nothing to fail on.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
        try
        {
            await MigrateAsync(scope.ServiceProvider, cancellationToken);
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
