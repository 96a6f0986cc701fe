using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration.Memory;
using Picshelf;
using Picshelf.Accounts;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Comments;
using Picshelf.Gallery;
using Picshelf.Images;
using Picshelf.OAuth;
using Picshelf.RateLimits;
using Picshelf.Serving;
using Picshelf.Telemetry;
using Picshelf.Web;

if (PicshelfCommandLine.Handles(args))
{
    return await PicshelfCommandLine.RunAsync(args);
}

var serveArgs = args is ["serve", .. var rest] ? rest : args;
var builder = WebApplication.CreateBuilder(serveArgs);
builder.Configuration.AddCommandLine(serveArgs, PicshelfServices.SwitchMappings);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5000");
}
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    // Upload routes raise this for themselves; everything else is a small form or JSON body.
    kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
});

// Per-request and per-command logs at Information cost more than serving a thumbnail. These are
// defaults under every other source, so an operator can still raise them through configuration.
// A start that fails is told in one line below; the host's own report of it is the whole trace at Error, while a
// background service that stops the host is still reported, at Critical.
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
        // "No XML encryptor configured": the keys are kept in a folder only this user may open (0700, Web/WebPages.cs),
        // which is their protection; a key to encrypt them would have to be kept beside them, protecting nothing.
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager"] = "Error",
        // The SQLite migrations that rebuild a table warn, on a first start, that PRAGMA foreign_keys runs outside their
        // transaction: a note for whoever writes migrations, not for whoever runs the server.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations"] = "Error",
        // "A request body size limit could not be applied": the body was read before routing, which happens only to the
        // small urlencoded bodies Api/ResponseFormat reads for _fake_status and callback, far under every limit.
        ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"] = "Error",
        // The line per request (Api/RequestLog) is there to be turned on (Information): written by default, it would cost
        // every API read a console write, and fill the journal of a busy server.
        ["Logging:LogLevel:Picshelf.Api.RequestLog"] = "Warning",
    },
});
PicshelfCommandLine.AnnounceNewDataFolder(builder.Configuration);

// On SIGTERM the server stops taking connections, lets the requests in flight finish for this long, then writes the
// view and bandwidth counts it holds (Images/ViewFlusher) and exits 0.
builder.Services.Configure<HostOptions>(host =>
    host.ShutdownTimeout = builder.Configuration.GetValue("Server:ShutdownTimeout", TimeSpan.FromSeconds(30)));
builder.Services.AddWeb();
builder.Services.AddPicshelf(builder.Configuration);
builder.Services.AddTelemetryExport(builder.Configuration);

var app = builder.Build();

app.UseApi();
app.UseMetrics();
app.UseSiteFiles();
app.UseRouting();
// After routing, because whether a call may come without credentials is its route's to say.
app.UseMiddleware<CallerAuthentication>();
app.UseEmptySegmentDefaults();
app.UseRateLimits();
// After authentication: the output cache keeps only what signed-out readers get.
app.UseWhen(WithoutSession.NeedsSession, site => site.UseAuthentication().UseAuthorization().UseOutputCache());
// The web host adds both middleware at the head of the pipeline for every request unless the app says it placed them (the
// keys UseAuthentication and UseAuthorization set); they are placed, in the branch above. Telemetry/RequestLogTests proves a direct
// link still reads no session cookie.
((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
((IApplicationBuilder)app).Properties["__AuthorizationMiddlewareSet"] = true;

app.MapImages();
app.MapCredits();
app.MapAccounts();
app.MapAlbums();
app.MapComments();
app.MapGallery();
app.MapOAuth();
app.MapHealth();
app.MapApiReference();
app.MapRazorPages();
app.MapOEmbed();
app.MapDirectLinks();

// The tests' in-process host (WebApplicationFactory's TestServer) opens no sockets, and shares its process with the tests.
var listens = app.Services.GetService<IServer>()?.GetType().FullName != "Microsoft.AspNetCore.TestHost.TestServer";
if (listens)
{
    InlineSocketCompletions.Apply(app.Configuration);
}
// A server that cannot start says why in one line and exits 1, instead of the runtime's trace and SIGABRT (a core
// dump under systemd). Not in the tests' in-process host, which must see the failure itself.
try
{
    await app.StartAsync();
}
catch (Exception failure) when (listens)
{
    Console.Error.WriteLine(StartFailure.Describe(failure));
    return 1;
}
await app.WaitForShutdownAsync();
return 0;

public partial class Program;
