using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>Subreddit sections: a post shared with <c>subreddit</c> is listed there, and opens there by its id.</summary>
public sealed class GallerySubredditTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static string Unique(string name) => $"{name}{Guid.NewGuid().ToString("N")[..8]}";

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        using var list = await client.GetAsync(path);
        return (await Envelope.DataAsync(list)).EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public async Task ASharedPost_IsListedInItsSubreddit_InAnyCase_ByTimeWhateverItsAge_OrByTopWithinTheWindow()
    {
        var owner = await app.SignedInClientAsync();
        var voter = await app.SignedInClientAsync();
        var subreddit = Unique("EarthPorn");
        var older = await owner.Http.ShareNewImageAsync("Mountains", ("subreddit", subreddit));
        var newer = await owner.Http.ShareNewImageAsync("Lakes", ("subreddit", subreddit));
        var ancient = await owner.Http.ShareNewImageAsync("Glaciers", ("subreddit", subreddit));
        var elsewhere = await owner.Http.ShareNewImageAsync("Cats");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == older).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, now - 3 * 86400)));
        await app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == ancient).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, now - 10 * 86400)));
        using (await voter.Http.PostAsync($"/3/gallery/{older}/vote/up", null))
        {
        }

        Assert.Equal([newer, older, ancient], await IdsAsync(owner.Http, $"/3/gallery/r/{subreddit}"));
        Assert.Equal([newer, older, ancient], await IdsAsync(owner.Http, $"/3/gallery/r/{subreddit.ToLowerInvariant()}/time/week/0"));
        Assert.Equal([older, newer], await IdsAsync(owner.Http, $"/3/gallery/r/{subreddit}/top"));
        Assert.Equal([newer], await IdsAsync(owner.Http, $"/3/gallery/r/{subreddit}/top/day/0"));
        Assert.Equal([older, newer, ancient], await IdsAsync(owner.Http, $"/3/gallery/r/{subreddit}/top/all/0"));
        using var post = await owner.Http.GetAsync($"/3/gallery/r/{subreddit}/{older}");
        using var otherSection = await owner.Http.GetAsync($"/3/gallery/r/{subreddit}/{elsewhere}");
        var model = await Envelope.DataAsync(post);
        Assert.Equal(subreddit.ToLowerInvariant(), model.GetProperty("section").GetString());
        await Envelope.ErrorAsync(otherSection, 404);
    }

    [Theory]
    [InlineData("/3/gallery/r/x/time")]
    [InlineData("/3/gallery/r/pics/viral/week/0")]
    [InlineData("/3/gallery/r/pics/top/fortnight/0")]
    [InlineData("/3/gallery/r/pics/top/week/abc")]
    [InlineData("/3/gallery/r/no-dashes/time")]
    public async Task BadSubredditListRequests_Are400(string path)
    {
        var visitor = await app.AnonymousClientAsync();
        using var list = await visitor.GetAsync(path);
        await Envelope.ErrorAsync(list, 400);
    }

    [Fact]
    public async Task Share_WithABadSubredditName_Is400()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using var shared = await owner.Http.PostAsync($"/3/gallery/{id}", Forms.Form(("title", "x"), ("terms", "1"), ("subreddit", "r/pics")));
        await Envelope.ErrorAsync(shared, 400);
    }
}
