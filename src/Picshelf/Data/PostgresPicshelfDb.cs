using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Picshelf.Data;

/// <summary>The data model on PostgreSQL, with its own migrations (Data/Migrations/Postgres).</summary>
public sealed class PostgresPicshelfDb(DbContextOptions<PostgresPicshelfDb> options) : PicshelfDb(options);

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresPicshelfDb</c> build the model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPicshelfDb>
{
    public PostgresPicshelfDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPicshelfDb>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
