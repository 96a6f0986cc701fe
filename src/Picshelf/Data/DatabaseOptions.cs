namespace Picshelf.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (the default: one file, nothing to install) or <c>postgres</c> (several processes over one database).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The provider's connection string; for SQLite by default <c>picshelf.db</c> in the data directory, for PostgreSQL required.</summary>
    public string? ConnectionString { get; set; }
}
