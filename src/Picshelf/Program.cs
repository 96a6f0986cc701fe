using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Picshelf;
using Picshelf.Accounts;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.Media;
using Picshelf.OAuth;
using Picshelf.RateLimits;
using Picshelf.Storage;
using Picshelf.Web;

if (PicshelfCommandLine.IsVerb(args))
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
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    },
});

builder.Services.AddPicshelf(builder.Configuration);
builder.Services.AddPicshelfWeb();
// Browser apps call Imgur's API from any origin with a Client-ID, so the API must allow it.
builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
    .AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()
    .WithExposedHeaders("ETag", "X-RateLimit-UserLimit", "X-RateLimit-UserRemaining", "X-RateLimit-UserReset",
        "X-RateLimit-ClientLimit", "X-RateLimit-ClientRemaining", "X-Post-Rate-Limit-Limit", "X-Post-Rate-Limit-Remaining",
        "X-Post-Rate-Limit-Reset", "Retry-After")));
builder.Services.AddHostedService<DatabaseMigrator>();
builder.Services.AddHostedService(services => services.GetRequiredService<CacheInvalidation>());
builder.Services.AddHostedService<LeftoverCleanup>();
builder.Services.AddHostedService<ViewFlusher>();
builder.Services.AddHostedService<FirstStartHint>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

var app = builder.Build();

app.UseMiddleware<ImgurErrors>();
app.UseTrustedProxies(app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value);
app.UseCors();
app.Use(ResponseFormat.NegotiateAsync);
app.UseMiddleware<CallerAuthentication>();
app.UseRouting();
if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
{
    app.UseMiddleware<CreditCharging>();
}
app.UseAuthentication();
app.UseAuthorization();

app.MapImageEndpoints(app.Services.GetRequiredService<IOptions<UploadOptions>>().Value);
app.MapCreditsEndpoints();
app.MapAccountEndpoints();
app.MapAlbumEndpoints();
app.MapAvatars();
app.MapTokenEndpoints();
app.MapHealthEndpoints();
app.MapRazorPages();
app.MapDirectLinks();

await app.RunAsync();
return 0;

public partial class Program;
