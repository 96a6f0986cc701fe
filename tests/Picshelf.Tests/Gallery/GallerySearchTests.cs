using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>Gallery search through HTTP, on the database's own full-text index: text, phrases, fields, booleans, advanced parameters.</summary>
public sealed class GallerySearchTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private static async Task<List<string>> SearchAsync(HttpClient client, string query)
    {
        using var found = await client.GetAsync("/3/gallery/search" + query);
        return (await Envelope.DataAsync(found)).EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public async Task Search_FindsTitlesDescriptionsTagsAndSubmitters_WithAndOrNotAndPhrases()
    {
        var owner = await app.SignedInClientAsync();
        var (alpha, beta, gamma) = (Unique("alpha"), Unique("beta"), Unique("gamma"));
        var first = await owner.Http.ShareNewImageAsync($"{alpha} sunset over {beta}");
        var second = await owner.Http.ShareNewImageAsync($"{alpha} alone", ("tags", gamma));
        var third = (await owner.Http.UploadAsync(TestImages.Png(), ("description", $"about {beta} and more"))).GetProperty("id").GetString()!;
        using (await owner.Http.PostAsync($"/3/gallery/{third}", Forms.Form(("title", "untitled"), ("terms", "1"))))
        {
        }

        Assert.Equal(new[] { first, second }.Order(), (await SearchAsync(owner.Http, $"?q={alpha}")).Order());
        Assert.Equal([first], await SearchAsync(owner.Http, $"?q={alpha} {beta}"));
        Assert.Equal(new[] { first, third }.Order(), (await SearchAsync(owner.Http, $"/time/all/0?q={beta}")).Order());
        Assert.Equal([second], await SearchAsync(owner.Http, $"?q={alpha} NOT {beta}"));
        Assert.Equal([second], await SearchAsync(owner.Http, $"?q=tag:{gamma}"));
        Assert.Equal([second], await SearchAsync(owner.Http, $"?q={gamma}"));
        Assert.Equal([first], await SearchAsync(owner.Http, $"?q=\"sunset over {beta}\""));
        Assert.Empty(await SearchAsync(owner.Http, $"?q=\"{beta} sunset\""));
        Assert.Equal([first], await SearchAsync(owner.Http, $"?q=title:{beta}"));
        Assert.Equal(new[] { first, second, third }.Order(), (await SearchAsync(owner.Http, $"?q=({alpha} OR {beta}) user:{owner.Username}")).Order());
        Assert.Equal(3, (await SearchAsync(owner.Http, $"?q={owner.Username}")).Count);
    }

    [Fact]
    public async Task AdvancedParameters_ReplaceQ()
    {
        var owner = await app.SignedInClientAsync();
        var (word, other) = (Unique("adv"), Unique("oth"));
        var png = await owner.Http.ShareNewImageAsync($"{word} picture");
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (album, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"));
        using (await owner.Http.PostAsync($"/3/gallery/album/{album}", Forms.Form(("title", $"{word} {other} album"), ("terms", "1"))))
        {
        }

        Assert.Equal([album], await SearchAsync(owner.Http, $"?q=ignored&q_all={word} {other}"));
        Assert.Equal(new[] { png, album }.Order(), (await SearchAsync(owner.Http, $"?q_any={word} nothingelse")).Order());
        Assert.Equal([png], await SearchAsync(owner.Http, $"?q_exactly={word} picture"));
        Assert.Equal([png], await SearchAsync(owner.Http, $"?q_any={word}&q_not={other}"));
        Assert.Equal([album], await SearchAsync(owner.Http, $"?q_all={word}&q_type=album"));
        Assert.Equal([png], await SearchAsync(owner.Http, $"?q_all={word}&q_type=png&q_size_px=small"));
        Assert.Empty(await SearchAsync(owner.Http, $"?q_all={word}&q_type=gif"));
        Assert.Equal([album], await SearchAsync(owner.Http, $"?q=album:{word}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=%22unbalanced")]
    [InlineData("?q=(a")]
    [InlineData("?q=OR%20OR%20NOT")]
    [InlineData("?q=%22*%22")]
    [InlineData("?q=NEAR(a")]
    [InlineData("?q=-")]
    [InlineData("?q=%00")]
    [InlineData("?q_type=bmp")]
    [InlineData("?q_size_px=giant")]
    [InlineData("?q_not=alone")]
    [InlineData("/loudest?q=a")]
    [InlineData("/top/fortnight?q=a")]
    [InlineData("/top/all/abc?q=a")]
    public async Task BadSearches_Are400_NeverAnEngineError(string query)
    {
        var visitor = await app.AnonymousClientAsync();
        using var found = await visitor.GetAsync("/3/gallery/search" + query);
        var message = await Envelope.ErrorAsync(found, 400);
        Assert.DoesNotContain("fts5", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("syntax", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ALongSearch_Is400()
    {
        var visitor = await app.AnonymousClientAsync();
        using var found = await visitor.GetAsync("/3/gallery/search?q=" + new string('a', 10_000));
        await Envelope.ErrorAsync(found, 400);
    }

    [Fact]
    public async Task SearchEngineSyntax_InWords_GivesSaneResults()
    {
        var owner = await app.SignedInClientAsync();
        var word = Unique("syn");
        var id = await owner.Http.ShareNewImageAsync($"{word} thing");

        Assert.Equal([id], await SearchAsync(owner.Http, $"?q={word}*"));
        // An unknown prefix is one more word: the post has "thing", not "col".
        Assert.Equal([id], await SearchAsync(owner.Http, $"?q=thing:{word}"));
        Assert.Empty(await SearchAsync(owner.Http, $"?q=col:{word}"));
        Assert.Equal([id], await SearchAsync(owner.Http, $"?q=^{word}"));
    }

    [Fact]
    public async Task RenamingAnAccount_AndEditingADescription_AreSearchable()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("plain title");
        var (newName, word) = (Unique("renamed"), Unique("described"));

        using (await owner.Http.PutAsync("/3/account/me/settings", Forms.Form(("username", newName))))
        using (await owner.Http.PostAsync($"/3/image/{id}", Forms.Form(("description", $"now {word}"))))
        {
        }

        Assert.Equal([id], await SearchAsync(owner.Http, $"?q={newName}"));
        Assert.Equal([id], await SearchAsync(owner.Http, $"?q=user:{newName}"));
        Assert.Equal([id], await SearchAsync(owner.Http, $"?q={word}"));
        using (await owner.Http.DeleteAsync($"/3/gallery/{id}"))
        {
        }
        Assert.Empty(await SearchAsync(owner.Http, $"?q={word}"));
    }

    [Fact]
    public async Task SearchSortedByTime_ListsNewestFirst_AfterTimesMove_WithoutHiddenOrMaturePosts_AndOnlyTopKeepsToTheWindow()
    {
        var owner = await app.SignedInClientAsync();
        var (word, other) = (Unique("when"), Unique("not"));
        var old = await owner.Http.ShareNewImageAsync($"{word} old");
        var middle = await owner.Http.ShareNewImageAsync($"{word} middle");
        var fresh = await owner.Http.ShareNewImageAsync($"{word} fresh");
        var hidden = await owner.Http.ShareNewImageAsync($"{word} hidden");
        var mature = await owner.Http.ShareNewImageAsync($"{word} mature", ("mature", "1"));
        var excluded = await owner.Http.ShareNewImageAsync($"{word} {other}");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // Moved back in time, then edited: the edit writes the post's index row again, under its new time.
        foreach (var (id, sharedAt) in new[] { (old, now - 3 * 86400), (middle, now - 3600), (excluded, now - 60) })
        {
            await app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, sharedAt)));
            using (await owner.Http.PostAsync($"/3/image/{id}", Forms.Form(("description", "edited"))))
            {
            }
        }
        await app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == hidden).ExecuteUpdateAsync(s => s.SetProperty(i => i.Hidden, true)));
        var visitor = await app.AnonymousClientAsync();

        Assert.Equal([fresh, middle, old], await SearchAsync(visitor, $"/time/all/0?q={word} NOT {other}"));
        Assert.Equal([fresh, excluded, middle, old], await SearchAsync(visitor, $"/time/all/0?q={word}"));
        Assert.Equal([fresh, excluded, middle, old], await SearchAsync(visitor, $"/time/day/0?q={word}"));
        Assert.Equal([fresh, middle, old], await SearchAsync(visitor, $"/time/day/0?q={word} user:{owner.Username} NOT {other}"));
        Assert.Equal([fresh, excluded, middle], await SearchAsync(visitor, $"/top/day/0?q={word}"));
        Assert.Equal([fresh, excluded, middle, old], await SearchAsync(visitor, $"/top/all/0?q={word}"));
        Assert.Contains(mature, await SearchAsync(visitor, $"/time/all/0?q={word}&mature=true"));
        Assert.Empty(await SearchAsync(visitor, $"/time/all/1?q={word}"));
    }
}
