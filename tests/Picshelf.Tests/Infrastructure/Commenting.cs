using System.Text.Json;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// Writing, voting on, deleting and reading comments through the API, as every comment test does: one copy, so that
/// the routes' answers are asserted the same way everywhere, and at their strictest.
/// </summary>
public static class Commenting
{
    /// <summary>
    /// Comments through <c>POST /3/comment</c> on a gallery post, under <paramref name="parentId"/> when it is not 0;
    /// returns the new comment's id, the only key the answer has.
    /// </summary>
    public static async Task<long> CommentAsync(this HttpClient client, string postId, string text, long parentId = 0)
    {
        var fields = new List<(string, string)> { ("image_id", postId), ("comment", text) };
        if (parentId != 0)
        {
            fields.Add(("parent_id", $"{parentId}"));
        }
        using var created = await client.PostAsync("/3/comment", Forms.Form([.. fields]));
        return await NewCommentIdAsync(created);
    }

    /// <summary>Replies through <c>POST /3/comment/{id}</c>; returns the reply's id, the only key the answer has.</summary>
    public static async Task<long> ReplyAsync(this HttpClient client, long parentId, string text)
    {
        using var created = await client.PostAsync($"/3/comment/{parentId}", Forms.Form(("comment", text)));
        return await NewCommentIdAsync(created);
    }

    /// <summary>Votes <c>up</c>, <c>down</c> or <c>veto</c> through <c>POST /3/comment/{id}/vote/{vote}</c> and asserts it answered true.</summary>
    public static async Task VoteOnCommentAsync(this HttpClient client, long commentId, string vote)
    {
        using var voted = await client.PostAsync($"/3/comment/{commentId}/vote/{vote}", null);
        Assert.True((await Envelope.DataAsync(voted)).GetBoolean());
    }

    /// <summary>Deletes through <c>DELETE /3/comment/{id}</c> and asserts it answered true.</summary>
    public static async Task DeleteCommentAsync(this HttpClient client, long commentId)
    {
        using var deleted = await client.DeleteAsync($"/3/comment/{commentId}");
        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
    }

    /// <summary>GETs <paramref name="path"/> and returns the <c>data</c> of its 200 envelope.</summary>
    public static async Task<JsonElement> GetDataAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await Envelope.DataAsync(response);
    }

    private static async Task<long> NewCommentIdAsync(HttpResponseMessage created)
    {
        var data = await Envelope.DataAsync(created);
        Assert.Equal(["id"], data.EnumerateObject().Select(p => p.Name));
        return data.GetProperty("id").GetInt64();
    }
}
