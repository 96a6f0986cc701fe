using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Picshelf.Telemetry;

namespace Picshelf.Data;

/// <summary>
/// Counts failed commands and connections in <c>picshelf.database.errors</c>. A command cancelled because its caller
/// went away is not a failure of the database.
/// </summary>
public sealed class DatabaseErrorCounter(PicshelfMetrics metrics) : IDbCommandInterceptor, IDbConnectionInterceptor
{
    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Count("command");

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Count("command");
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Count("connection");

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Count("connection");
        return Task.CompletedTask;
    }

    private void Count(string what) => metrics.DatabaseErrors.Add(1, new KeyValuePair<string, object?>("operation", what));
}
