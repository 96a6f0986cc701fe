using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Picshelf.Data;

/// <summary>
/// WAL lets readers run beside the one writer; synchronous=NORMAL is durable at every checkpoint and
/// much faster in WAL mode; the busy timeout makes concurrent writers queue instead of failing.
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        return command;
    }
}
