using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Picshelf.Api;

/// <summary>
/// The OpenAPI 3.1 document of the Imgur API routes (<c>/3/*</c>, <c>/oauth2/*</c>), generated from the endpoints
/// themselves (Microsoft.AspNetCore.OpenApi) so a new route cannot ship undocumented, at <c>/openapi/v1.json</c>; with
/// the two ways a caller names itself (docs/imgur-compatibility.md §4.1) and the error envelope every failure answers;
/// and the page at <c>/docs</c> that shows it.
/// </summary>
public static partial class ApiReference
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    /// <summary>The paths the document covers: the Imgur API's, not the web site's pages or the direct links.</summary>
    public static bool Documents(string? relativePath) =>
        relativePath is not null && (relativePath.StartsWith("3/", StringComparison.Ordinal) || relativePath.StartsWith("oauth2/", StringComparison.Ordinal));

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        // The reference describes models with these options: snake_case, as every feature's JSON context writes them
        // (no endpoint reads or writes JSON through them: each names its own context).
        services.ConfigureHttpJsonOptions(json =>
            {
                json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
                json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            })
            .AddOpenApi("v1", options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => Documents(description.RelativePath);
            options.AddDocumentTransformer(Describe);
            options.AddDocumentTransformer(MergePathsOfOneShape);
            options.AddOperationTransformer((operation, _, _) =>
            {
                // Every failure, whatever the route, is the envelope with success false (docs/imgur-compatibility.md §2).
                operation.Responses ??= [];
                operation.Responses.TryAdd("default", new OpenApiResponseReference(ErrorResponse));
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// The document, and at <c>/docs</c> an interactive reference made from it (Scalar), whose script is served by this
    /// process from the package: nothing is fetched from a CDN, and its default fonts, which are, are turned off.
    /// </summary>
    public static void MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference("/docs", reference =>
        {
            reference.WithOpenApiRoutePattern(DocumentPath);
            reference.Title = "Picshelf API reference";
            reference.DefaultFonts = false;
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[^}]+\}")]
    private static partial System.Text.RegularExpressions.Regex PathParameter();

    /// <summary>
    /// Imgur's routes put an id in one place and an id or deletehash in the same place of another
    /// (<c>GET /3/image/{imageId}</c>, <c>DELETE /3/image/{imageIdOrDeleteHash}</c>); OpenAPI allows one path per shape, so
    /// the operations of paths that differ only in their parameters' names are put under one path, the one with the
    /// longest names (the most general), their parameters renamed to its. Where two such paths answer the same method
    /// (which the server tells apart by the value), the first is kept and the other is named in its description.
    /// </summary>
    private static Task MergePathsOfOneShape(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var shape in document.Paths.Keys.GroupBy(path => PathParameter().Replace(path, "{}")).Where(g => g.Count() > 1).ToList())
        {
            var kept = shape.OrderByDescending(path => PathParameter().Matches(path).Sum(m => m.Length)).First();
            var keptNames = PathParameter().Matches(kept).Select(m => m.Value.Trim('{', '}')).ToList();
            var target = (OpenApiPathItem)document.Paths[kept];
            target.Operations ??= [];
            foreach (var other in shape.Where(path => path != kept))
            {
                var names = PathParameter().Matches(other).Select(m => m.Value.Trim('{', '}')).ToList();
                foreach (var (method, operation) in document.Paths[other].Operations ?? [])
                {
                    foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
                    {
                        parameter.Name = keptNames[names.IndexOf(parameter.Name!)];
                    }
                    if (!target.Operations.ContainsKey(method))
                    {
                        target.Operations[method] = operation;
                    }
                    else if (target.Operations[method] is { } first)
                    {
                        first.Description = $"{first.Description} Also answers {method.Method.ToUpperInvariant()} {other}.".Trim();
                    }
                }
                document.Paths.Remove(other);
            }
        }
        return Task.CompletedTask;
    }

    private const string ErrorResponse = "Error";

    private static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Picshelf: the Imgur API v3",
            Version = "3",
            Description = "Every answer is the envelope {\"data\": …, \"success\": bool, \"status\": int}. Calls name their application "
                + "(Authorization: Client-ID {client_id}) or act for an account (Authorization: Bearer {access_token}).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            ["Client-ID"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "Authorization",
                Description = "The application's id: Authorization: Client-ID {client_id}",
            },
            ["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An account's access token from /oauth2/token: Authorization: Bearer {access_token}",
            },
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Client-ID", document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] },
        ];
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas["ErrorEnvelope"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "data", "success", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["data"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["error"] = new OpenApiSchema { Description = "What went wrong: a string, or for uploads {code, message, type, exception}" },
                        ["request"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["method"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
                ["success"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Const = "false" },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status, repeated" },
            },
        };
        document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        document.Components.Responses[ErrorResponse] = new OpenApiResponse
        {
            Description = "A refusal: 400, 401, 403, 404, 409, 413, 415 or 429 (with Retry-After), in the envelope",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference("ErrorEnvelope", document) },
            },
        };
        return Task.CompletedTask;
    }
}
