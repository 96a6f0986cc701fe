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

builder.Services.AddWeb();
builder.Services.AddPicshelf(builder.Configuration);

var app = builder.Build();

app.UseApi();
app.UseSiteFiles();
app.UseRouting();
// After routing, because whether a call may come without credentials is its route's to say.
app.UseMiddleware<CallerAuthentication>();
app.UseEmptySegmentDefaults();
app.UseRateLimits();
app.UseAuthentication();
app.UseAuthorization();
// After authentication: the output cache keeps only what signed-out readers get.
app.UseOutputCache();

app.MapImages();
app.MapCredits();
app.MapAccounts();
app.MapAlbums();
app.MapComments();
app.MapGallery();
app.MapOAuth();
app.MapHealth();
app.MapRazorPages();
app.MapOEmbed();
app.MapDirectLinks();

await app.RunAsync();
return 0;

public partial class Program;
