using Picshelf.Data;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Data;

/// <summary>Each provider's migrations describe the model as it is: a model change without its two migrations fails here.</summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class MigrationTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.HasPendingModelChanges(db.Database));
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.HasPendingModelChanges(db.Database));
    }
}
