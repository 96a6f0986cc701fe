namespace Picshelf.Tests.Infrastructure;

public static class AlbumCreation
{
    /// <summary>Creates an album through <c>POST /3/album</c> and returns its id and deletehash, the only keys the answer has.</summary>
    public static async Task<(string Id, string DeleteHash)> CreateAlbumAsync(this HttpClient client, params (string Name, string Value)[] fields)
    {
        using var response = await client.PostAsync("/3/album", Forms.Form(fields));
        var data = await Envelope.DataAsync(response);
        Assert.Equal(["id", "deletehash"], data.EnumerateObject().Select(p => p.Name));
        return (data.GetProperty("id").GetString()!, data.GetProperty("deletehash").GetString()!);
    }

    /// <summary>The ids of the album's images, in album order, through <c>GET /3/album/{id}/images</c>.</summary>
    public static async Task<List<string?>> AlbumImageIdsAsync(this HttpClient client, string albumId)
    {
        using var response = await client.GetAsync($"/3/album/{albumId}/images");
        return (await Envelope.DataAsync(response)).EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
    }
}
