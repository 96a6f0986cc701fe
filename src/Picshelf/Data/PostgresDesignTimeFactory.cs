using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Picshelf.Data;

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresPicshelfDb</c> build the model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPicshelfDb>
{
    public PostgresPicshelfDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPicshelfDb>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
