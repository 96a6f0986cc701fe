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
}
