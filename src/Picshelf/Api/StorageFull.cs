namespace Picshelf.Api;

/// <summary>
/// Whether a failure is the server's storage being full, which answers 507 (<see cref="ImgurErrors"/>) and is never taken
/// for a malformed body, though it surfaces as an <see cref="IOException"/> while a body is being written to disk.
/// </summary>
public static class StorageFull
{
    /// <summary>
    /// A full disk or quota anywhere in the chain: a file write's ENOSPC or EDQUOT (ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL
    /// on Windows), SQLite's SQLITE_FULL, PostgreSQL's disk_full (SQLSTATE 53100).
    /// </summary>
    public static bool Caused(Exception failure)
    {
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            var full = cause switch
            {
                Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 13,
                System.Data.Common.DbException database => database.SqlState == "53100",
                IOException io => OperatingSystem.IsWindows() ? io.HResult is unchecked((int)0x80070070) or unchecked((int)0x80070027) : io.HResult is 28 or 122,
                _ => false,
            };
            if (full)
            {
                return true;
            }
        }
        return false;
    }
}
