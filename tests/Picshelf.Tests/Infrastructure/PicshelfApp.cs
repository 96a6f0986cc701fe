using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Picshelf.Accounts;
using Picshelf.Data;
using Picshelf.OAuth;
using Picshelf.RateLimits;
using Picshelf.Storage;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// The real server in process, on its own SQLite file and blob folder in a private temp directory (or its own
/// PostgreSQL database, bucket prefix and Redis prefix, see <see cref="TestBackend"/>), so test classes never see
/// each other's data.
/// </summary>
public class PicshelfApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = new();
    private int accountCounter;

    public PicshelfApp()
    {
        DataDirectory = Directory.CreateTempSubdirectory("picshelf-test-").FullName;
        settings["Storage:DataDirectory"] = DataDirectory;
        settings["Media:ViewFlushInterval"] = "00:00:00.200";
        // Every in-process request comes from no address at all, so every sign-up, registration and failed token request of
        // a test class would share one address's window; the throttle tests set their own limits.
        settings["Throttles:SignUpsPerHour"] = "1000000";
        settings["Throttles:ApplicationsPerHour"] = "1000000";
        settings["Throttles:TokenFailuresPerAddress"] = "1000000";
        With(TestBackend.NewSettings());
    }

    public string DataDirectory { get; }

    public CapturedLogs Logs { get; } = new();

    private TimeProvider? clock;

    /// <summary>Sets a configuration key before the server starts.</summary>
    public PicshelfApp With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public PicshelfApp With(IEnumerable<KeyValuePair<string, string?>> keys)
    {
        foreach (var (key, value) in keys)
        {
            settings[key] = value;
        }
        return this;
    }

    /// <summary>Replaces the server's clock, so tests can cross hours, days and months.</summary>
    public PicshelfApp WithClock(TimeProvider time)
    {
        clock = time;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    public static string ClientIdOf(HttpClient client) =>
        client.DefaultRequestHeaders.Authorization is { Scheme: "Client-ID", Parameter: { } clientId }
            ? clientId
            : throw new InvalidOperationException("Not a Client-ID client");

    public async Task<ClientLimitsModel> ChangeLimitsAsync(string clientId, ClientLimitsAdministration.Change change)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClientLimitsAdministration>().ChangeAsync(clientId, change, CancellationToken.None);
    }

    public async Task<string> RegisterClientAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ClientRegistration>().CreateAsync(new ClientDetails("test app", null), null, CancellationToken.None);
        return created.ClientId;
    }

    /// <summary>An HTTP client that calls with this access token.</summary>
    public HttpClient BearerClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>An HTTP client that calls as an application with only its Client-ID.</summary>
    public async Task<HttpClient> AnonymousClientAsync()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", await RegisterClientAsync());
        return client;
    }

    /// <summary>An HTTP client signed in as a new account through a Bearer token.</summary>
    public async Task<SignedInClient> SignedInClientAsync(string? username = null, string? clientId = null)
    {
        clientId ??= await RegisterClientAsync();
        username ??= $"user{Interlocked.Increment(ref accountCounter)}x{Guid.NewGuid().ToString("N")[..6]}";
        await using var scope = Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<AccountRegistration>().CreateAsync(username, $"{username}@example.com", "correct horse battery", CancellationToken.None);
        var token = await scope.ServiceProvider.GetRequiredService<TokenIssuer>().IssueAsync(clientId, username, CancellationToken.None);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return new SignedInClient(client, clientId, account.Id, username, token);
    }

    /// <summary>
    /// A context on the app's database that does not start the server, so a test can lay down an older schema and rows
    /// in it for the server to migrate when it starts.
    /// </summary>
    public PicshelfDb OpenDatabaseBeforeStart() =>
        settings.GetValueOrDefault("Database:Provider") == "postgres"
            ? new PostgresPicshelfDb(new DbContextOptionsBuilder<PostgresPicshelfDb>().UseNpgsql(settings["Database:ConnectionString"]).Options)
            : new SqlitePicshelfDb(new DbContextOptionsBuilder<SqlitePicshelfDb>().UseSqlite($"Data Source={Path.Combine(DataDirectory, "picshelf.db")}").Options);

    public async Task<T> WithDbAsync<T>(Func<PicshelfDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PicshelfDb>());
    }

    /// <summary>Every blob (in whichever store the server uses) and staging file, so tests can prove nothing was left behind.</summary>
    public async Task<IReadOnlyList<string>> StoredFilesAsync()
    {
        var blobs = Services.GetRequiredService<IBlobStore>();
        var found = new List<string>();
        foreach (var folder in new[] { "originals/", "thumbnails/", "variants/", "renditions/", "sources/", "health/" })
        {
            await foreach (var blob in blobs.ListAsync(folder, CancellationToken.None))
            {
                found.Add(blob.Key);
            }
        }
        var staging = Path.Combine(DataDirectory, "staging");
        return Directory.Exists(staging) ? [.. found, .. Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories)] : found;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Each app has a database of its own: its idle connections would otherwise stay open for minutes.
        if (settings.GetValueOrDefault("Database:ConnectionString") is { } connectionString && settings.GetValueOrDefault("Database:Provider") == "postgres")
        {
            using var connection = new NpgsqlConnection(Picshelf.Data.DataFeature.PooledPostgres(connectionString));
            NpgsqlConnection.ClearPool(connection);
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
