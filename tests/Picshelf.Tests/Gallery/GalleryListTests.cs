using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Gallery;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>The gallery lists in every shape clients send, their sorts, windows, viral and mature filters, and their bad input.</summary>
public sealed class GalleryListTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        using var list = await client.GetAsync(path);
        return (await Envelope.DataAsync(list)).EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private Task<int> SetSharedAtAsync(string id, long sharedAt) =>
        app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, sharedAt)));

    [Theory]
    [InlineData("/3/gallery")]
    [InlineData("/3/gallery/hot")]
    [InlineData("/3/gallery/hot/viral")]
    [InlineData("/3/gallery/hot/viral/0")]
    [InlineData("/3/gallery/hot/viral/day/")]
    [InlineData("/3/gallery/hot/viral/day/?showViral=true")]
    [InlineData("/3/gallery/hot/viral/day/0")]
    [InlineData("/3/gallery/top/top/week/1")]
    [InlineData("/3/gallery/user/rising")]
    [InlineData("/3/gallery/user/time/all/2?showViral=false&mature=false&album_previews=true")]
    [InlineData("/3/gallery.json")]
    [InlineData("/3/gallery/hot/viral/day/1000000")]
    public async Task List_InEveryShapeClientsSend_IsAnArray(string path)
    {
        var visitor = await app.AnonymousClientAsync();
        using var list = await visitor.GetAsync(path);
        Assert.Equal(JsonValueKind.Array, (await Envelope.DataAsync(list)).ValueKind);
    }

    [Theory]
    [InlineData("/3/gallery/hotter/viral")]
    [InlineData("/3/gallery/hot/loudest")]
    [InlineData("/3/gallery/hot/rising")]
    [InlineData("/3/gallery/top/top/fortnight/0")]
    [InlineData("/3/gallery/hot/viral/day/-1")]
    [InlineData("/3/gallery/hot/viral/day/abc")]
    [InlineData("/3/gallery/hot/viral/day/10000000000")]
    [InlineData("/3/gallery/hot/viral/day/0?showViral=sometimes")]
    [InlineData("/3/gallery/hot/viral/day/0?mature=2")]
    [InlineData("/3/gallery/user/time?page=-1")]
    [InlineData("/3/gallery/user/time?page=1000001")]
    public async Task List_WithAValueOutsideTheDocumentedOnes_Is400(string path)
    {
        var visitor = await app.AnonymousClientAsync();
        using var list = await visitor.GetAsync(path);
        await Envelope.ErrorAsync(list, 400);
    }

    [Fact]
    public async Task List_TakesItsPageFromTheQueryString_WhenThePathHasNone()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Paged by query");

        var first = await IdsAsync(owner.Http, "/3/gallery/user/time?page=0");
        var far = await IdsAsync(owner.Http, "/3/gallery/user/time?page=1000000");
        var pathFirst = await IdsAsync(owner.Http, "/3/gallery/user/time/0?page=1000000");

        Assert.Contains(post, first);
        Assert.Empty(far);
        Assert.Contains(post, pathFirst);
    }

    [Fact]
    public async Task UserSection_SortsByTimeByNetVotesAndByRank()
    {
        var owner = await app.SignedInClientAsync();
        var voters = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.SignedInClientAsync()));
        var oldLiked = await owner.Http.ShareNewImageAsync("old but liked");
        var middle = await owner.Http.ShareNewImageAsync("middle");
        var fresh = await owner.Http.ShareNewImageAsync("fresh");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await SetSharedAtAsync(oldLiked, now - 3600);
        await SetSharedAtAsync(middle, now - 1800);
        foreach (var voter in voters)
        {
            using (await voter.Http.PostAsync($"/3/gallery/{oldLiked}/vote/up", null))
            {
            }
        }
        using (await voters[0].Http.PostAsync($"/3/gallery/{middle}/vote/down", null))
        {
        }
        string[] mine = [oldLiked, middle, fresh];

        var byTime = (await IdsAsync(owner.Http, "/3/gallery/user/time/0")).Intersect(mine).ToList();
        var byVotes = (await IdsAsync(owner.Http, "/3/gallery/user/top/0")).Intersect(mine).ToList();
        var byRank = (await IdsAsync(owner.Http, "/3/gallery/user/viral/0")).Intersect(mine).ToList();

        Assert.Equal([fresh, middle, oldLiked], byTime);
        Assert.Equal([oldLiked, fresh, middle], byVotes);
        // Three net votes are worth about 6 hours of freshness: the hour-old post still leads.
        Assert.Equal([oldLiked, fresh, middle], byRank);
    }

    [Fact]
    public async Task TopSection_KeepsToItsWindow_AndRisingToTheLastDay()
    {
        var owner = await app.SignedInClientAsync();
        var today = await owner.Http.ShareNewImageAsync("today");
        var lastWeek = await owner.Http.ShareNewImageAsync("last week");
        var lastYear = await owner.Http.ShareNewImageAsync("last year");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await SetSharedAtAsync(lastWeek, now - 3 * 86400);
        await SetSharedAtAsync(lastYear, now - 200 * 86400);
        string[] mine = [today, lastWeek, lastYear];

        Assert.Equal([today], (await IdsAsync(owner.Http, "/3/gallery/top/time")).Intersect(mine));
        Assert.Equal([today, lastWeek], (await IdsAsync(owner.Http, "/3/gallery/top/time/week/0")).Intersect(mine));
        Assert.Equal([today, lastWeek, lastYear], (await IdsAsync(owner.Http, "/3/gallery/top/time/year")).Intersect(mine));
        Assert.Equal([today, lastWeek, lastYear], (await IdsAsync(owner.Http, "/3/gallery/top/time/all/0")).Intersect(mine));
        Assert.Equal([today], (await IdsAsync(owner.Http, "/3/gallery/user/rising/0")).Intersect(mine));
    }

    [Fact]
    public async Task Rising_ListsADayOldPostVotedFarDown_BelowAFreshOne_AndNothingOlder()
    {
        var owner = await app.SignedInClientAsync();
        var fresh = await owner.Http.ShareNewImageAsync("fresh");
        var buried = await owner.Http.ShareNewImageAsync("buried");
        var older = await owner.Http.ShareNewImageAsync("older");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // Its rank sits far below the time it was shared, as only down votes can put it.
        await SetTalliesAsync(buried, ups: 0, downs: 5000, sharedAt: now - 23 * 3600);
        await SetTalliesAsync(older, ups: 5000, downs: 0, sharedAt: now - 2 * 86400);
        string[] mine = [fresh, buried, older];

        Assert.Equal([fresh, buried], (await IdsAsync(owner.Http, "/3/gallery/user/rising/0")).Intersect(mine));
        Assert.Empty(await IdsAsync(owner.Http, "/3/gallery/user/rising/1000"));
    }

    private Task<int> SetTalliesAsync(string id, int ups, int downs, long sharedAt) =>
        app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Ups, ups).SetProperty(i => i.Downs, downs).SetProperty(i => i.Score, ups - downs)
            .SetProperty(i => i.CreatedAt, sharedAt).SetProperty(i => i.HotScore, GalleryRanking.Hot(ups, downs, sharedAt))));

    [Fact]
    public async Task ShowViralFalse_HidesViralPostsFromTheUserSection()
    {
        var owner = await app.SignedInClientAsync();
        var viral = await owner.Http.ShareNewImageAsync("viral");
        var plain = await owner.Http.ShareNewImageAsync("plain");
        await app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == viral).ExecuteUpdateAsync(s => s.SetProperty(i => i.InMostViral, true)));
        string[] mine = [viral, plain];

        Assert.Equal(2, (await IdsAsync(owner.Http, "/3/gallery/user/time/0")).Intersect(mine).Count());
        Assert.Equal([plain], (await IdsAsync(owner.Http, "/3/gallery/user/time/0?showViral=false")).Intersect(mine));
        Assert.Equal([viral], (await IdsAsync(owner.Http, "/3/gallery/hot/time/0")).Intersect(mine));
    }

    [Fact]
    public async Task MaturePosts_AreListedOnlyWhenAskedFor_AndWhenTheAccountAllowsThem()
    {
        var owner = await app.SignedInClientAsync();
        var reader = await app.SignedInClientAsync();
        var visitor = await app.AnonymousClientAsync();
        var mature = await owner.Http.ShareNewImageAsync("mature", ("mature", "1"));

        Assert.DoesNotContain(mature, await IdsAsync(visitor, "/3/gallery/user/time/0"));
        Assert.Contains(mature, await IdsAsync(visitor, "/3/gallery/user/time/0?mature=true"));
        Assert.DoesNotContain(mature, await IdsAsync(reader.Http, "/3/gallery/user/time/0?mature=true"));
        using (await reader.Http.PutAsync("/3/account/me/settings", Forms.Form(("show_mature", "true"))))
        {
        }
        Assert.Contains(mature, await IdsAsync(reader.Http, "/3/gallery/user/time/0?mature=true"));
        using var post = await visitor.GetAsync($"/3/gallery/{mature}");
        Assert.True((await Envelope.DataAsync(post)).GetProperty("nsfw").GetBoolean());
    }

    [Fact]
    public async Task Albums_AreListedAsGalleryAlbums_WithTheirImagesOnlyAsPreviews()
    {
        var owner = await app.SignedInClientAsync();
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (album, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"));
        using (await owner.Http.PostAsync($"/3/gallery/album/{album}", Forms.Form(("title", "Album post"), ("terms", "1"))))
        {
        }

        using var plain = await owner.Http.GetAsync("/3/gallery/user/time/0");
        using var previews = await owner.Http.GetAsync("/3/gallery/user/time/0?album_previews=true");

        var listed = (await Envelope.DataAsync(plain)).EnumerateArray().Single(i => i.GetProperty("id").GetString() == album);
        var previewed = (await Envelope.DataAsync(previews)).EnumerateArray().Single(i => i.GetProperty("id").GetString() == album);
        Assert.True(listed.GetProperty("is_album").GetBoolean());
        Assert.Equal(1, listed.GetProperty("images_count").GetInt32());
        Assert.False(listed.TryGetProperty("images", out _));
        Assert.Equal(image, previewed.GetProperty("images")[0].GetProperty("id").GetString());
    }
}
