namespace Picshelf.Tests.Infrastructure;

public static class GallerySharing
{
    /// <summary>Uploads an image and shares it to the gallery with the gallery terms accepted; returns its id.</summary>
    public static async Task<string> ShareNewImageAsync(this HttpClient client, string title, params (string Name, string Value)[] fields)
    {
        var id = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using var shared = await client.PostAsync($"/3/gallery/image/{id}", Forms.Form([("title", title), ("terms", "1"), .. fields]));
        Assert.True((await Envelope.DataAsync(shared)).GetBoolean());
        return id;
    }
}
