using System.Text.Json.Serialization.Metadata;

namespace Picshelf.Api;

/// <summary>What a feature handler returns on success; the envelope is spelled by <see cref="ImgurResponseWriter"/>.</summary>
public sealed class ImgurResult<T>(T data, JsonTypeInfo<T> typeInfo) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        ImgurResponseWriter.WriteAsync(httpContext, StatusCodes.Status200OK, data, typeInfo);
}

public static class ImgurResult
{
    public static ImgurResult<T> Ok<T>(T data) =>
        new(data, (JsonTypeInfo<T>)(ImgurJson.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T)} is not registered in ImgurJson")));
}
