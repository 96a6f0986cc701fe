using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Picshelf.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePicshelfDb>
{
    public SqlitePicshelfDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePicshelfDb>().UseSqlite("Data Source=design-time.db").Options);
}
