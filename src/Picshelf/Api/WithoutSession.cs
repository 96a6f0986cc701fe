namespace Picshelf.Api;

/// <summary>
/// Which requests know their caller without the web site's session cookie: every <c>/3/</c> call (its caller comes from
/// its <c>Authorization</c> header, OAuth/CallerAuthentication) and the endpoints that carry this as metadata (direct
/// links, served to anyone). For them the session, authorization and page-cache middleware do not run: on an API read
/// they cost about a twentieth of the server's CPU and decide nothing (bench/README.md, "The read paths and the credit limiter").
/// </summary>
public sealed class WithoutSession
{
    public static readonly WithoutSession Instance = new();

    private WithoutSession()
    {
    }

    /// <summary>True for a page of the web site, or anything else that may need to know who is signed in.</summary>
    public static bool NeedsSession(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/3", StringComparison.Ordinal)
        && context.GetEndpoint()?.Metadata.GetMetadata<WithoutSession>() is null;
}
