using Microsoft.AspNetCore.Connections;

namespace Picshelf;

/// <summary>
/// Why the server could not start, in one line an operator can act on (no stack trace: under systemd a trace is 60
/// lines of journal, and the process used to end with SIGABRT and a core dump).
/// </summary>
public static class StartFailure
{
    public static string Describe(Exception failure) => failure switch
    {
        IOException { InnerException: AddressInUseException } =>
            $"Picshelf cannot listen: {failure.Message.TrimEnd('.')}. Stop what listens there, or give another address with --urls (for example --urls http://127.0.0.1:5001).",
        _ => $"Picshelf could not start: {failure.Message}",
    };
}
