using Microsoft.Extensions.Options;

namespace Picshelf.Api;

public static class ApiFeature
{
    /// <summary>What every feature's routes share: links, item ids, and the rules of the wire (CORS, bad requests as envelopes).</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddOptions<MediaLinkOptions>().BindConfiguration(MediaLinkOptions.Section);
        services.AddOptions<SiteLinkOptions>().BindConfiguration(SiteLinkOptions.Section);
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section);
        services.AddOptions<RequestBodyOptions>().BindConfiguration(RequestBodyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SiteNameOptions>().BindConfiguration(SiteNameOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<ChosenNames>();
        services.AddScoped<ItemIds>();
        services.AddSingleton<Readiness>();
        services.AddApiReference();
        // Browser apps call Imgur's API from any origin with a Client-ID, so the API must allow it. Features add the
        // response headers they want such apps to read.
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders("ETag", "Retry-After")));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// The wire's middleware, outermost first: the request log (<see cref="RequestLog"/>), which sees every answer; every failure below becomes the error envelope, forwarded addresses are
    /// believed from trusted proxies only, then CORS, the response format (which strips <c>.json</c>/<c>.xml</c>
    /// before routing) and the filling of empty path segments (<see cref="EmptyPathSegments"/>).
    /// </summary>
    public static IApplicationBuilder UseApi(this IApplicationBuilder app)
    {
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<ImgurErrors>();
        app.UseTrustedProxies(app.ApplicationServices.GetRequiredService<IOptions<NetworkOptions>>().Value);
        app.UseCors();
        app.Use(ResponseFormat.NegotiateAsync);
        app.Use(EmptyPathSegments.FillAsync);
        return app;
    }

    /// <summary>Right after routing: an empty segment where a page, sort or window stands becomes that parameter not given.</summary>
    public static IApplicationBuilder UseEmptySegmentDefaults(this IApplicationBuilder app) => app.Use(EmptyPathSegments.DropAsync);
}
