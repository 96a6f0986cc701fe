using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Picshelf.Api;

/// <summary>What a feature handler returns on success; the envelope is spelled by <see cref="ImgurResponseWriter"/>.</summary>
public sealed class ImgurResult<T>(T data, JsonTypeInfo<T> typeInfo) : IResult, IEndpointMetadataProvider
{
    /// <summary>Tells the API reference (<see cref="ApiReference"/>) what a success carries: <typeparamref name="T"/> in the envelope.</summary>
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Envelope<T>), ["application/json"]));

    /// <summary>What the envelope carries, for a page that calls an endpoint's code and goes on from its answer.</summary>
    public T Data => data;

    public Task ExecuteAsync(HttpContext httpContext) =>
        ImgurResponseWriter.WriteAsync(httpContext, StatusCodes.Status200OK, data, typeInfo);
}

/// <summary>A success a feature serialized ahead of time (<see cref="ImgurResponseWriter.Success"/>).</summary>
public sealed class SerializedImgurResult(SerializedEnvelope envelope) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => ImgurResponseWriter.WriteAsync(httpContext, envelope);
}

/// <summary>Successes: a feature's model with the type information of its feature's JSON context, or a plain value.</summary>
public static class ImgurResult
{
    public static ImgurResult<T> Ok<T>(T data, JsonTypeInfo<T> typeInfo) => new(data, typeInfo);

    public static ImgurResult<bool> Ok(bool data) => new(data, ImgurJson.Default.Boolean);

    public static ImgurResult<int> Ok(int data) => new(data, ImgurJson.Default.Int32);

    public static ImgurResult<string> Ok(string data) => new(data, ImgurJson.Default.String);

    public static ImgurResult<List<string>> Ok(List<string> data) => new(data, ImgurJson.Default.ListString);

    public static ImgurResult<List<long>> Ok(List<long> data) => new(data, ImgurJson.Default.ListInt64);

    public static ImgurResult<List<JsonElement>> Ok(List<JsonElement> data) => new(data, ImgurJson.Default.ListJsonElement);

    public static SerializedImgurResult Serialized(SerializedEnvelope envelope) => new(envelope);

    /// <summary>A model already serialized by its feature's context, where one route answers models of several types.</summary>
    public static ImgurResult<JsonElement> Ok(JsonElement data) => new(data, ImgurJson.Default.JsonElement);
}

/// <summary>The envelope of every success (docs/imgur-compatibility.md §1), as the API reference describes it; <see cref="ImgurResponseWriter"/> writes it.</summary>
public sealed record Envelope<T>(T Data, bool Success, int Status);
