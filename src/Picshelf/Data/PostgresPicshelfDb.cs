using Microsoft.EntityFrameworkCore;

namespace Picshelf.Data;

/// <summary>The data model on PostgreSQL, with its own migrations (Data/Migrations/Postgres).</summary>
public sealed class PostgresPicshelfDb(DbContextOptions<PostgresPicshelfDb> options) : PicshelfDb(options);
