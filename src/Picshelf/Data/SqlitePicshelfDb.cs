using Microsoft.EntityFrameworkCore;

namespace Picshelf.Data;

public sealed class SqlitePicshelfDb(DbContextOptions<SqlitePicshelfDb> options) : PicshelfDb(options);
