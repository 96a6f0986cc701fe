using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Api;

/// <summary>
/// <c>/openapi/v1.json</c> is an OpenAPI 3.1 document generated from the endpoints, so every API route the server maps
/// is in it; <c>/docs</c> shows it with a script this process serves. Neither shows anything of a caller.
/// </summary>
public sealed partial class ApiReferenceTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    /// <summary>A path with its parameters' names left out: OpenAPI holds one path per shape (Api/ApiReference).</summary>
    private static string Shape(string path) => "/" + RouteParameter().Replace(path.Trim('/'), "{}");

    private async Task<(string Text, OpenApiDocument Document)> DocumentAsync()
    {
        using var anonymous = app.CreateClient();
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var read = OpenApiDocument.Parse(text, OpenApiConstants.Json, new OpenApiReaderSettings());
        Assert.True(read.Diagnostic is null || read.Diagnostic.Errors.Count == 0, string.Join("; ", read.Diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        return (text, read.Document!);
    }

    [Fact]
    public async Task TheDocument_IsValidOpenApi31_AndHoldsEveryApiRouteTheServerMaps_WithItsMethods()
    {
        var (text, document) = await DocumentAsync();

        Assert.StartsWith("{\n  \"openapi\": \"3.1", text, StringComparison.Ordinal);
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && Picshelf.Api.ApiReference.Documents(raw.TrimStart('/')))
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (Path: Shape(e.RoutePattern.RawText!), Method: method)))
            .ToHashSet();
        var documented = document.Paths.SelectMany(path => (path.Value.Operations ?? []).Keys.Select(method => (Path: Shape(path.Key), Method: method.Method)))
            .ToHashSet();
        Assert.True(mapped.Count > 90, $"only {mapped.Count} routes found");
        var missing = mapped.Where(route => !documented.Contains(route)).ToList();
        Assert.True(missing.Count == 0, "undocumented: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task TheDocument_NamesBothWaysToCall_TheEnvelope_AndTheErrorEveryOperationMayAnswer()
    {
        var (_, document) = await DocumentAsync();

        var schemes = document.Components!.SecuritySchemes!;
        Assert.Equal(SecuritySchemeType.ApiKey, schemes["Client-ID"].Type);
        Assert.Equal("Authorization", schemes["Client-ID"].Name);
        Assert.Equal("bearer", schemes["Bearer"].Scheme);
        var image = document.Paths["/3/image/{imageIdOrDeleteHash}"].Operations![HttpMethod.Get];
        Assert.True(image.Responses!.ContainsKey("default"));
        var envelope = document.Components.Schemas!["EnvelopeOfImageModel"];
        Assert.Equal(["data", "success", "status"], envelope.Properties!.Keys);
        Assert.Contains("deletehash", document.Components.Schemas["ImageModel"].Properties!.Keys);
        Assert.Contains("success", document.Components.Schemas["ErrorEnvelope"].Properties!.Keys);
    }

    [Fact]
    public async Task TheReferencePage_AndItsScript_ComeFromThisServer_AndShowNothingOfACaller()
    {
        var owner = await app.SignedInClientAsync();
        var uploaded = await owner.Http.UploadAsync(TestImages.Png());
        using var anonymous = app.CreateClient();

        var page = await anonymous.GetStringAsync("/docs/");
        using var script = await anonymous.GetAsync("/docs/scalar.js");
        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Contains("<script src=\"scalar.js\"></script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        foreach (var secret in new[] { owner.Token.AccessToken, owner.Token.RefreshToken, $"{owner.Username}@example.com", uploaded.GetProperty("deletehash").GetString()! })
        {
            Assert.DoesNotContain(secret, page + document, StringComparison.Ordinal);
        }
    }
}
