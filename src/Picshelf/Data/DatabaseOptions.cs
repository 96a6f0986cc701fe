namespace Picshelf.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>A SQLite connection string; by default <c>picshelf.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }
}
