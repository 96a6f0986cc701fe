using System.Net.Http.Headers;
using System.Text.Json;

namespace Picshelf.Tests.Infrastructure;

public static class Uploads
{
    public static MultipartFormDataContent Multipart(byte[] image, string fileName = "photo.jpg", params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "image", fileName);
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return content;
    }

    /// <summary>Uploads and returns the Image model from the envelope.</summary>
    public static async Task<JsonElement> UploadAsync(this HttpClient client, byte[] image, params (string Name, string Value)[] fields)
    {
        using var response = await client.PostAsync("/3/image", Multipart(image, "photo.jpg", fields));
        return await Envelope.DataAsync(response);
    }
}
