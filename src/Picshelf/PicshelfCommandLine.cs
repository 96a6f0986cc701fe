using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Comments;
using Picshelf.Data;
using Picshelf.Gallery;
using Picshelf.Images;
using Picshelf.OAuth;
using Picshelf.RateLimits;
using Picshelf.Storage;

namespace Picshelf;

/// <summary>
/// The administrative verbs of the same executable. Each takes <c>--data DIR</c> and the server's
/// configuration, and prints JSON on stdout so scripts can read it; failures print
/// <c>{"error":…}</c> on stderr and exit 1.
/// </summary>
public static class PicshelfCommandLine
{
    private static readonly string[] HelpOptions = ["--help", "-h", "-?", "--version"];

    /// <summary>
    /// Whether the arguments are for the command line rather than the server: a verb, help or the version, or any first
    /// word that is not an option (a mistyped verb such as <c>clinets</c> is an error with the usage, not a server start).
    /// </summary>
    public static bool Handles(string[] args) =>
        args.Any(HelpOptions.Contains) || (args.Length > 0 && args[0] != "serve" && !args[0].StartsWith('-'));

    /// <summary>
    /// Says where the data folder is being made when there is none: a verb or server started from another directory
    /// would otherwise make a second, empty install without a word.
    /// </summary>
    public static void AnnounceNewDataFolder(IConfiguration configuration)
    {
        var folder = (configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).FullDataDirectory;
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"Picshelf: there is no data folder at {folder}; creating it (--data DIR names another)");
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var data = new Option<string?>("--data") { Description = "The data directory (default ./data)", Recursive = true };
        var root = new RootCommand("Picshelf: an Imgur API v3 compatible image host. With no verb, or with serve, it runs the server.") { data };
        // Run by Program before this parser is reached; here for its help.
        root.Subcommands.Add(new Command("serve", "Run the server (the default): --urls http://127.0.0.1:5000, --data DIR, and any configuration key as --Section:Key=value"));

        var name = new Option<string>("--name") { Description = "The application's name", Required = true };
        var redirectUri = new Option<string?>("--redirect-uri") { Description = "Where OAuth sends the user back" };
        var createClient = new Command("create", "Register an application and print its client_id and client_secret") { name, redirectUri };
        createClient.SetAction((parse, ct) => RunVerbAsync(parse, data, OAuthJson.Default.CreatedClient, (services, token) =>
            services.GetRequiredService<ClientRegistration>().CreateAsync(new ClientDetails(parse.GetValue(name)!, parse.GetValue(redirectUri)), null, token), ct));

        var limitsClient = new Option<string>("--client-id") { Required = true };
        var creditsPerDay = new Option<int?>("--credits-per-day") { Description = "Credits the application may spend per UTC day" };
        var userCreditsPerHour = new Option<int?>("--user-credits-per-hour") { Description = "Credits one user of the application may spend per hour" };
        var commercial = new Option<bool?>("--commercial") { Description = "true exempts the application from the POST limit" };
        var defaults = new Option<bool>("--defaults") { Description = "Return to the configured limits before applying the other options" };
        var limits = new Command("limits", "Change one application's credit limits and print them") { limitsClient, creditsPerDay, userCreditsPerHour, commercial, defaults };
        limits.SetAction((parse, ct) => RunVerbAsync(parse, data, RateLimitsJson.Default.ClientLimitsModel, (services, token) =>
            services.GetRequiredService<ClientLimitsAdministration>().ChangeAsync(parse.GetValue(limitsClient)!,
                new ClientLimitsAdministration.Change(parse.GetValue(creditsPerDay), parse.GetValue(userCreditsPerHour),
                    parse.GetValue(commercial), parse.GetValue(defaults)), token), ct));

        var unblockClient = new Option<string>("--client-id") { Required = true };
        var unblock = new Command("unblock", "Lift the monthly block of an application that used up its daily credits too often") { unblockClient };
        unblock.SetAction((parse, ct) => RunVerbAsync(parse, data, RateLimitsJson.Default.ClientLimitsModel, (services, token) =>
            services.GetRequiredService<ClientLimitsAdministration>().UnblockAsync(parse.GetValue(unblockClient)!, token), ct));
        root.Subcommands.Add(new Command("clients", "Registered applications") { createClient, limits, unblock });

        var username = new Option<string>("--username") { Required = true };
        var email = new Option<string>("--email") { Required = true };
        var password = new Option<string>("--password") { Required = true };
        var createUser = new Command("create", "Create an account and print its id and url") { username, email, password };
        createUser.SetAction((parse, ct) => RunVerbAsync(parse, data, AccountsJson.Default.CreatedAccount, async (services, token) =>
        {
            var account = await services.GetRequiredService<AccountRegistration>()
                .CreateAsync(parse.GetValue(username)!, parse.GetValue(email)!, parse.GetValue(password)!, token);
            return new CreatedAccount(account.Id, account.Username);
        }, ct));
        var passwordUser = new Option<string>("--username") { Required = true };
        var newPassword = new Option<string>("--password") { Required = true };
        var setPassword = new Command("password", "Give an account a new password; every session of it ends") { passwordUser, newPassword };
        setPassword.SetAction((parse, ct) => RunVerbAsync(parse, data, ImgurJson.Default.Boolean, async (services, token) =>
        {
            await services.GetRequiredService<AccountAdministration>().SetPasswordAsync(parse.GetValue(passwordUser)!, parse.GetValue(newPassword)!, token);
            return true;
        }, ct));
        var page = new Option<int>("--page") { Description = "The page, from 1", DefaultValueFactory = _ => 1 };
        var perPage = new Option<int>("--per-page") { Description = "Accounts on a page (at most 1000)", DefaultValueFactory = _ => 100 };
        var listUsers = new Command("list", "List the accounts, oldest first, with their image counts") { page, perPage };
        listUsers.SetAction((parse, ct) => RunVerbAsync(parse, data, OperatorJson.Default.OperatorUserPage, async (services, token) =>
        {
            var (number, size) = (parse.GetValue(page), parse.GetValue(perPage));
            if (number < 1 || size is < 1 or > 1000)
            {
                throw new ArgumentException("--page starts at 1 and --per-page is 1 to 1000");
            }
            var (accounts, more) = await services.GetRequiredService<AccountAdministration>().ListAsync(number - 1, size, token);
            var images = await services.GetRequiredService<ImageCounts>().ByAccountAsync([.. accounts.Select(a => a.Id)], token);
            return new OperatorUserPage(number, size, more,
                [.. accounts.Select(a => new OperatorUser(a.Id, a.Username, a.Email, a.CreatedAt, a.DisabledAt, images.GetValueOrDefault(a.Id)))]);
        }, ct));
        var deleteUser = new Option<string>("--username") { Required = true };
        var deleteAccount = new Command("delete", "Delete an account with its images, albums, tokens and applications, as its owner could") { deleteUser };
        deleteAccount.SetAction((parse, ct) => RunVerbAsync(parse, data, ImgurJson.Default.Boolean, async (services, token) =>
        {
            await services.GetRequiredService<AccountDeletion>().DeleteAsync(parse.GetValue(deleteUser)!, token);
            return true;
        }, ct));
        var users = new Command("users", "Accounts") { createUser, setPassword, listUsers, deleteAccount };
        foreach (var (verb, description, disable) in new[]
        {
            ("disable", "Stop an account: its sessions end, it cannot sign in and its tokens are refused", true),
            ("enable", "Let a disabled account sign in again; its unexpired tokens work again", false),
        })
        {
            var who = new Option<string>("--username") { Required = true };
            var command = new Command(verb, description) { who };
            command.SetAction((parse, ct) => RunVerbAsync(parse, data, ImgurJson.Default.Boolean, async (services, token) =>
            {
                await services.GetRequiredService<AccountAdministration>().SetDisabledAsync(parse.GetValue(who)!, disable, token);
                return true;
            }, ct));
            users.Subcommands.Add(command);
        }
        root.Subcommands.Add(users);

        var clientId = new Option<string>("--client-id") { Required = true };
        var tokenUser = new Option<string>("--username") { Required = true };
        var createToken = new Command("create", "Issue tokens for an account, as POST /oauth2/token answers") { clientId, tokenUser };
        createToken.SetAction((parse, ct) => RunVerbAsync(parse, data, OAuthJson.Default.TokenModel, (services, token) =>
            services.GetRequiredService<TokenIssuer>().IssueAsync(parse.GetValue(clientId)!, parse.GetValue(tokenUser)!, token), ct));
        root.Subcommands.Add(new Command("tokens", "Access and refresh tokens") { createToken });

        var imageId = new Option<string>("--id") { Description = "The image's id", Required = true };
        var deleteImage = new Command("delete", "Take an image down: its row, its place in albums and the gallery, its original, thumbnails, variants and MP4") { imageId };
        deleteImage.SetAction((parse, ct) => RunVerbAsync(parse, data, ImgurJson.Default.Boolean, async (services, token) =>
            await services.GetRequiredService<ImageRemoval>().DeleteAsync(parse.GetValue(imageId)!, token)
                ? true : throw ApiException.NotFound($"Unable to find an image with the id, {parse.GetValue(imageId)}"), ct));
        root.Subcommands.Add(new Command("images", "Images") { deleteImage });

        var stats = new Command("stats", "Count the accounts, images (and their bytes), albums, gallery posts, comments and queued MP4s");
        stats.SetAction((parse, ct) => RunVerbAsync(parse, data, OperatorJson.Default.OperatorStats, async (services, token) =>
        {
            var db = services.GetRequiredService<PicshelfDb>();
            var (images, bytes) = await services.GetRequiredService<ImageCounts>().TotalAsync(token);
            return new OperatorStats(await db.Accounts.CountAsync(token), images, bytes, await db.Albums.CountAsync(token),
                await db.GalleryItems.CountAsync(token), await db.Comments.CountAsync(token), await db.RenditionJobs.CountAsync(token));
        }, ct));
        root.Subcommands.Add(stats);

        var migrate = new Command("migrate", "Bring the database to the current schema");
        migrate.SetAction((parse, ct) => RunVerbAsync(parse, data, ImgurJson.Default.Boolean, async (services, token) =>
        {
            await DatabaseMigrator.MigrateAsync(services, token);
            return true;
        }, ct));
        root.Subcommands.Add(migrate);

        var from = new Option<string>("--from") { Description = "The store to copy from: filesystem or s3", Required = true };
        var to = new Option<string>("--to") { Description = "The store to copy to: filesystem or s3", Required = true };
        var copy = new Command("copy", "Copy every blob the destination lacks; run it again to resume") { from, to };
        copy.SetAction((parse, ct) => RunVerbAsync(parse, data, ImagesJson.Default.BlobCopyResult, (services, token) =>
        {
            var (source, destination) = (parse.GetValue(from)!, parse.GetValue(to)!);
            return string.Equals(source, destination, StringComparison.OrdinalIgnoreCase)
                ? throw new ArgumentException("--from and --to name the same store")
                : BlobMaintenance.CopyAsync(StorageFeature.BlobStoreOf(source, services), StorageFeature.BlobStoreOf(destination, services), Console.Error, token);
        }, ct));
        root.Subcommands.Add(new Command("storage", "Blob stores") { copy });

        var grace = new Option<TimeSpan>("--grace")
        {
            Description = "Blobs younger than this are kept: they may belong to uploads in progress",
            DefaultValueFactory = _ => TimeSpan.FromHours(1),
        };
        var force = new Option<bool>("--force") { Description = "Delete even when the database holds no images at all" };
        var gc = new Command("gc", "Delete blobs that no image refers to") { grace, force };
        gc.SetAction((parse, ct) => RunVerbAsync(parse, data, ImagesJson.Default.GarbageCollectionResult, (services, token) =>
            services.GetRequiredService<BlobMaintenance>().CollectAsync(services.GetRequiredService<IBlobStore>(), parse.GetValue(grace), parse.GetValue(force), token), ct));
        root.Subcommands.Add(gc);

        var backupTo = new Option<string>("--to") { Description = "A new or empty folder for the backup", Required = true };
        var backup = new Command("backup", "Copy the embedded database and every blob into a folder with a manifest of sizes and SHA-256, while the server serves")
        {
            backupTo,
        };
        backup.SetAction((parse, ct) => RunVerbAsync(parse, data, BackupJson.Default.BackupResult, (services, token) =>
            services.GetRequiredService<InstallBackup>().BackupAsync(parse.GetValue(backupTo)!, Console.Error, token), ct, migrate: false));
        root.Subcommands.Add(backup);

        var restoreFrom = new Option<string>("--from") { Description = "The folder a backup wrote", Required = true };
        var restore = new Command("restore", "Check a backup against its manifest, then restore it into an empty data folder") { restoreFrom };
        // Neither migrates first: a backup copies the database as the running server keeps it, and a restore must find
        // none. The next start migrates what was restored.
        restore.SetAction((parse, ct) => RunVerbAsync(parse, data, BackupJson.Default.BackupResult, (services, token) =>
            services.GetRequiredService<InstallBackup>().RestoreAsync(parse.GetValue(restoreFrom)!, Console.Error, token), ct, migrate: false));
        root.Subcommands.Add(restore);

        var reports = new Command("reports", "List the reported gallery posts and comments, the most recently reported first, with their counts and reasons");
        reports.SetAction((parse, ct) => RunVerbAsync(parse, data, CommentsJson.Default.ReportList, async (services, token) => new ReportList(
            await services.GetRequiredService<GalleryModeration>().ReportsAsync(token), await services.GetRequiredService<CommentModeration>().ReportsAsync(token)), ct));
        var gallery = new Command("gallery", "Moderate the gallery") { reports };
        foreach (var (verb, description, decide) in new (string, string, Func<GalleryModeration, string, CancellationToken, Task<bool>>)[]
        {
            ("remove", "Take a post out of the gallery (the image or album stays with its owner)", (moderation, id, token) => moderation.RemoveAsync(id, token)),
            ("mature", "Keep a post as mature: listed again, to those who ask for mature posts", (moderation, id, token) => moderation.MarkMatureAsync(id, token)),
            ("keep", "Keep a reported post as it is and list it again", (moderation, id, token) => moderation.KeepAsync(id, token)),
        })
        {
            var id = new Option<string>("--id") { Description = "The post's id", Required = true };
            var command = new Command(verb, description) { id };
            command.SetAction((parse, ct) => RunVerbAsync(parse, data, ImgurJson.Default.Boolean, (services, token) =>
                decide(services.GetRequiredService<GalleryModeration>(), parse.GetValue(id)!, token), ct));
            gallery.Subcommands.Add(command);
        }
        foreach (var (verb, description, decide) in new (string, string, Func<CommentModeration, long, CancellationToken, Task<bool>>)[]
        {
            ("delete-comment", "Delete a comment as its author could: its words go, its replies stay", (moderation, id, token) => moderation.DeleteAsync(id, token)),
            ("keep-comment", "Keep a reported comment and clear its reports", (moderation, id, token) => moderation.KeepAsync(id, token)),
        })
        {
            var id = new Option<long>("--id") { Description = "The comment's id", Required = true };
            var command = new Command(verb, description) { id };
            command.SetAction((parse, ct) => RunVerbAsync(parse, data, ImgurJson.Default.Boolean, (services, token) =>
                decide(services.GetRequiredService<CommentModeration>(), parse.GetValue(id), token), ct));
            gallery.Subcommands.Add(command);
        }
        root.Subcommands.Add(gallery);

        // Configuration keys such as --Uploads:MaxImageBytes=… are not options of any verb: they pass through to the host.
        foreach (var command in root.Subcommands.SelectMany(c => c.Subcommands.Prepend(c)))
        {
            command.TreatUnmatchedTokensAsErrors = false;
        }
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>
    /// The tokens no verb declares must be configuration keys (<c>--Section:Key=value</c> or
    /// <c>--Section:Key value</c>); anything else is a mistyped option and is refused, not ignored.
    /// </summary>
    private static string[] ConfigurationTokens(IReadOnlyList<string> unmatched)
    {
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            var isKey = token.StartsWith("--", StringComparison.Ordinal) && (token.Contains(':', StringComparison.Ordinal) || token.Contains("__", StringComparison.Ordinal));
            if (!isKey)
            {
                throw new ArgumentException($"Unrecognized option or argument '{token}'");
            }
            if (!token.Contains('=', StringComparison.Ordinal) && i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                i++;
            }
        }
        return [.. unmatched];
    }

    /// <summary>Runs a verb on a host configured like the server: same environment, files, variables and keys.</summary>
    private static async Task<int> RunVerbAsync<T>(ParseResult parse, Option<string?> data, JsonTypeInfo<T> output,
        Func<IServiceProvider, CancellationToken, Task<T>> verb, CancellationToken cancellationToken, bool migrate = true)
    {
        try
        {
            var configuration = ConfigurationTokens(parse.UnmatchedTokens);
            var builder = Host.CreateApplicationBuilder(configuration);
            if (parse.GetValue(data) is { } dataDirectory)
            {
                builder.Configuration[$"{StorageOptions.Section}:DataDirectory"] = dataDirectory;
            }
            AnnounceNewDataFolder(builder.Configuration);
            builder.Logging.ClearProviders();
            builder.Services.AddPicshelf(builder.Configuration);
            using var host = builder.Build();
            await using var scope = host.Services.CreateAsyncScope();
            if (migrate)
            {
                await DatabaseMigrator.MigrateAsync(scope.ServiceProvider, cancellationToken);
            }
            var result = await verb(scope.ServiceProvider, cancellationToken);
            Console.Out.WriteLine(JsonSerializer.Serialize(result, output));
            return 0;
        }
        catch (Exception failure)
        {
            Console.Error.WriteLine($"{{\"error\":{JsonSerializer.Serialize(failure.Message, ImgurJson.Default.String)}}}");
            return 1;
        }
    }
}
