using Microsoft.Extensions.DependencyInjection;
using Picshelf.Gallery;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>Reports (once per account, with Imgur's reason codes), the posts they hide, and the operator's decisions.</summary>
public sealed class GalleryModerationTests : IAsyncLifetime
{
    private readonly PicshelfApp app = new PicshelfApp().With("Gallery:ReportsToHide", "2");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task ReportAsync(HttpClient client, string id, string reason)
    {
        using var reported = await client.PostAsync($"/3/gallery/image/{id}/report", Forms.Form(("reason", reason)));
        Assert.True((await Envelope.DataAsync(reported)).GetBoolean());
    }

    private static async Task<List<string>> ListedAsync(HttpClient client, string query = "")
    {
        using var list = await client.GetAsync("/3/gallery/user/time/0" + query);
        return (await Envelope.DataAsync(list)).EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>What the <c>gallery</c> verbs do, through the same service.</summary>
    private async Task<T> ModerateAsync<T>(Func<GalleryModeration, Task<T>> decide)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await decide(scope.ServiceProvider.GetRequiredService<GalleryModeration>());
    }

    [Fact]
    public async Task Report_TakesTheDocumentedReasons_OncePerAccount_FromAnAccountOnly()
    {
        var owner = await app.SignedInClientAsync();
        var reporter = await app.SignedInClientAsync();
        var anonymous = await app.AnonymousClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Questionable");

        using var first = await reporter.Http.PostAsync($"/3/gallery/{id}/report", Forms.Form(("reason", "2")));
        using var again = await reporter.Http.PostAsync($"/3/gallery/image/{id}/report", Forms.Form(("reason", "3")));
        using var badCode = await owner.Http.PostAsync($"/3/gallery/{id}/report", Forms.Form(("reason", "9")));
        using var notANumber = await owner.Http.PostAsync($"/3/gallery/{id}/report", Forms.Form(("reason", "spam")));
        using var clientOnly = await anonymous.PostAsync($"/3/gallery/{id}/report", Forms.Form(("reason", "1")));
        using var wrongKind = await owner.Http.PostAsync($"/3/gallery/album/{id}/report", Forms.Form(("reason", "1")));
        using var withoutReason = await owner.Http.PostAsync($"/3/gallery/{id}/report", null);

        Assert.True((await Envelope.DataAsync(first)).GetBoolean());
        await Envelope.ErrorAsync(again, 409);
        await Envelope.ErrorAsync(badCode, 400);
        await Envelope.ErrorAsync(notANumber, 400);
        await Envelope.ErrorAsync(clientOnly, 401);
        await Envelope.ErrorAsync(wrongKind, 404);
        Assert.True((await Envelope.DataAsync(withoutReason)).GetBoolean());
        var summary = (await ModerateAsync(m => m.ReportsAsync(CancellationToken.None))).Single(s => s.Id == id);
        Assert.Equal(2, summary.Reports);
        Assert.Equal(1, summary.Reasons["Spam"]);
        Assert.Equal(1, summary.Reasons["No reason given"]);
        Assert.Equal(owner.Username, summary.AccountUrl);
    }

    [Fact]
    public async Task EnoughReports_HideThePostFromTheLists_UntilTheOperatorKeepsItOrMarksItMature()
    {
        var owner = await app.SignedInClientAsync();
        var reporters = new[] { await app.SignedInClientAsync(), await app.SignedInClientAsync() };
        var kept = await owner.Http.ShareNewImageAsync("Kept");
        var matured = await owner.Http.ShareNewImageAsync("Matured");
        var removed = await owner.Http.ShareNewImageAsync("Removed");
        foreach (var id in new[] { kept, matured, removed })
        {
            await ReportAsync(reporters[0].Http, id, "1");
            Assert.Contains(id, await ListedAsync(owner.Http));
            await ReportAsync(reporters[1].Http, id, "4");
        }

        var listedWhileHidden = await ListedAsync(owner.Http);
        using var stillReachable = await owner.Http.GetAsync($"/3/gallery/{kept}");
        var hidden = await ModerateAsync(m => m.ReportsAsync(CancellationToken.None));
        await ModerateAsync(m => m.KeepAsync(kept, CancellationToken.None));
        await ModerateAsync(m => m.MarkMatureAsync(matured, CancellationToken.None));
        await ModerateAsync(m => m.RemoveAsync(removed, CancellationToken.None));
        var listedAfter = await ListedAsync(owner.Http);
        var listedMature = await ListedAsync(await app.AnonymousClientAsync(), "?mature=true");
        using var gone = await owner.Http.GetAsync($"/3/gallery/{removed}");
        using var image = await owner.Http.GetAsync($"/3/image/{removed}");

        Assert.Empty(listedWhileHidden.Intersect([kept, matured, removed]));
        await Envelope.DataAsync(stillReachable);
        Assert.All(hidden.Where(s => s.Id == kept || s.Id == matured || s.Id == removed), s => Assert.True(s.Hidden));
        Assert.Contains(kept, listedAfter);
        Assert.DoesNotContain(matured, listedAfter);
        Assert.Contains(matured, listedMature);
        await Envelope.ErrorAsync(gone, 404);
        Assert.False((await Envelope.DataAsync(image)).GetProperty("in_gallery").GetBoolean());
        Assert.Empty(await ModerateAsync(m => m.ReportsAsync(CancellationToken.None)));
        await Assert.ThrowsAsync<Picshelf.Api.ApiException>(() => ModerateAsync(m => m.RemoveAsync(removed, CancellationToken.None)));
    }

    [Theory]
    [InlineData("/3/gallery/random/random")]
    [InlineData("/3/gallery/random/random/0")]
    [InlineData("/3/gallery/random/random/3")]
    public async Task Random_AnswersAPageOfListedPosts(string path)
    {
        var owner = await app.SignedInClientAsync();
        var listed = await owner.Http.ShareNewImageAsync("Listed");
        var mature = await owner.Http.ShareNewImageAsync("Mature", ("mature", "1"));

        using var page = await owner.Http.GetAsync(path);
        using var badPage = await owner.Http.GetAsync("/3/gallery/random/random/abc");

        var ids = (await Envelope.DataAsync(page)).EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains(listed, ids);
        Assert.DoesNotContain(mature, ids);
        await Envelope.ErrorAsync(badPage, 400);
    }

    [Fact]
    public async Task Random_SamplesTheWholeGallery_SixtyDistinctListedPostsAPage()
    {
        var owner = await app.SignedInClientAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var posts = Enumerable.Range(0, 90).Select(_ => Picshelf.Api.IdGenerator.NewId()).ToList();
        await app.WithDbAsync(async db =>
        {
            foreach (var id in posts)
            {
                db.Images.Add(new Picshelf.Images.Image { Id = id, DeleteHash = Picshelf.Api.IdGenerator.NewDeleteHash(), AccountId = owner.AccountId,
                    ClientId = owner.ClientId, Type = "image/png", Width = 1, Height = 1, Size = 68, CreatedAt = now });
                db.GalleryItems.Add(new GalleryItem { Id = id, AccountId = owner.AccountId, Title = "sampled", CreatedAt = now, Mature = id == posts[0] });
            }
            return await db.SaveChangesAsync();
        });

        var pages = new List<List<string>>();
        for (var i = 0; i < 8; i++)
        {
            using var page = await owner.Http.GetAsync("/3/gallery/random/random");
            pages.Add((await Envelope.DataAsync(page)).EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList());
        }

        Assert.All(pages, page => Assert.Equal(60, page.Distinct().Count()));
        Assert.All(pages, page => Assert.DoesNotContain(posts[0], page));
        // Eight pages from random starting points: far more of the 89 listed posts than one page holds.
        Assert.True(pages.SelectMany(p => p).Distinct().Count() > 60);
    }
}
