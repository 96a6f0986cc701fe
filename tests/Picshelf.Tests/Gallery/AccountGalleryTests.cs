using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Comments;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>
/// Submissions, gallery favorites and the gallery profile show an account's posts and the posts it favorited. Posts are
/// shared through the gallery's route; their time of sharing is set in the database where an order needs it.
/// </summary>
public sealed class AccountGalleryTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private async Task<string> ShareAsync(SignedInClient user, string title, long createdAt, int ups = 0)
    {
        var id = await user.Http.ShareNewImageAsync(title, ("topic", "No Topic"));
        foreach (var _ in Enumerable.Range(0, ups))
        {
            var voter = await app.SignedInClientAsync();
            using (await voter.Http.PostAsync($"/3/gallery/{id}/vote/up", null))
            {
            }
        }
        await app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == id).ExecuteUpdateAsync(set => set.SetProperty(i => i.CreatedAt, createdAt)));
        return id;
    }

    [Fact]
    public async Task WithoutGalleryActivity_ListsAreEmptyAndTotalsZero()
    {
        var user = await app.SignedInClientAsync();
        var visitor = await app.AnonymousClientAsync();

        using var submissions = await visitor.GetAsync($"/3/account/{user.Username}/submissions/0");
        using var favorites = await visitor.GetAsync($"/3/account/{user.Username}/gallery_favorites/0/newest");
        using var profile = await visitor.GetAsync($"/3/account/{user.Username}/gallery_profile");

        Assert.Equal(0, (await Envelope.DataAsync(submissions)).GetArrayLength());
        Assert.Equal(0, (await Envelope.DataAsync(favorites)).GetArrayLength());
        var totals = await Envelope.DataAsync(profile);
        Assert.Equal(["total_gallery_comments", "total_gallery_favorites", "total_gallery_submissions", "trophies"], totals.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, totals.GetProperty("total_gallery_submissions").GetInt32());
    }

    [Fact]
    public async Task Submissions_AreGalleryImages_InEachSort()
    {
        var user = await app.SignedInClientAsync();
        var older = await ShareAsync(user, "older", 100, ups: 9);
        var newer = await ShareAsync(user, "newer", 200, ups: 1);
        var visitor = await app.AnonymousClientAsync();

        using var newest = await visitor.GetAsync($"/3/account/{user.Username}/submissions");
        using var best = await visitor.GetAsync($"/3/account/{user.Username}/submissions/0/best");
        using var bad = await visitor.GetAsync($"/3/account/{user.Username}/submissions/0/loudest");

        var list = await Envelope.DataAsync(newest);
        Assert.Equal([newer, older], list.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList());
        var item = list[0];
        Assert.False(item.GetProperty("is_album").GetBoolean());
        Assert.True(item.GetProperty("in_gallery").GetBoolean());
        Assert.Equal("newer", item.GetProperty("title").GetString());
        Assert.Equal(200, item.GetProperty("datetime").GetInt64());
        Assert.Equal(1, item.GetProperty("points").GetInt32());
        Assert.Equal(user.Username, item.GetProperty("account_url").GetString());
        Assert.False(item.TryGetProperty("deletehash", out _));
        Assert.Equal(JsonValueKind.String, item.GetProperty("link").ValueKind);
        Assert.Equal([older, newer], (await Envelope.DataAsync(best)).EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList());
        await Envelope.ErrorAsync(bad, 400);
    }

    [Fact]
    public async Task GalleryFavoritesAndProfile_CountWhatTheAccountDid()
    {
        var sharer = await app.SignedInClientAsync();
        var fan = await app.SignedInClientAsync();
        var first = await ShareAsync(sharer, "first", 100);
        var second = await ShareAsync(sharer, "second", 200);
        var notShared = (await sharer.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        foreach (var favorited in new[] { second, first, notShared })
        {
            using (await fan.Http.PostAsync($"/3/image/{favorited}/favorite", null))
            {
            }
        }
        await app.WithDbAsync(async db =>
        {
            await db.ImageFavorites.Where(f => f.ImageId == second).ExecuteUpdateAsync(set => set.SetProperty(f => f.CreatedAt, 300));
            await db.ImageFavorites.Where(f => f.ImageId == first).ExecuteUpdateAsync(set => set.SetProperty(f => f.CreatedAt, 400));
            db.Comments.Add(new Comment { ImageId = first, AccountId = fan.AccountId, Text = "nice", Platform = "api", CreatedAt = 500 });
            return await db.SaveChangesAsync();
        });

        using var newest = await fan.Http.GetAsync("/3/account/me/gallery_favorites");
        using var oldest = await fan.Http.GetAsync("/3/account/me/gallery_favorites/0/oldest");
        using var profile = await fan.Http.GetAsync($"/3/account/{fan.Username}/gallery_profile");
        using var sharerProfile = await fan.Http.GetAsync($"/3/account/{sharer.Username}/gallery_profile");

        var newestList = await Envelope.DataAsync(newest);
        Assert.Equal([first, second], newestList.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList());
        Assert.Equal(1, newestList[0].GetProperty("comment_count").GetInt32());
        Assert.Equal(1, newestList[0].GetProperty("favorite_count").GetInt32());
        Assert.Equal(sharer.Username, newestList[0].GetProperty("account_url").GetString());
        Assert.Equal([second, first], (await Envelope.DataAsync(oldest)).EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList());
        var totals = await Envelope.DataAsync(profile);
        Assert.Equal(1, totals.GetProperty("total_gallery_comments").GetInt32());
        Assert.Equal(2, totals.GetProperty("total_gallery_favorites").GetInt32());
        Assert.Equal(0, totals.GetProperty("total_gallery_submissions").GetInt32());
        Assert.Equal(2, (await Envelope.DataAsync(sharerProfile)).GetProperty("total_gallery_submissions").GetInt32());
    }

    [Fact]
    public async Task GalleryProfile_CountsAPostHiddenByReports_ForItsOwnerOnly_AsTheListsShowIt()
    {
        var sharer = await app.SignedInClientAsync();
        var fan = await app.SignedInClientAsync();
        var shown = await ShareAsync(sharer, "shown", 100);
        var hidden = await ShareAsync(sharer, "hidden", 200);
        foreach (var favorited in new[] { shown, hidden })
        {
            using (await fan.Http.PostAsync($"/3/image/{favorited}/favorite", null))
            {
            }
        }
        await app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == hidden).ExecuteUpdateAsync(set => set.SetProperty(i => i.Hidden, true)));

        var asOthersSeeIt = await fan.Http.GetDataAsync($"/3/account/{sharer.Username}/gallery_profile");
        var othersList = await fan.Http.GetDataAsync($"/3/account/{sharer.Username}/submissions");
        var asTheSharerSeesIt = await sharer.Http.GetDataAsync($"/3/account/{sharer.Username}/gallery_profile");
        var fansFavorites = await sharer.Http.GetDataAsync($"/3/account/{fan.Username}/gallery_profile");

        Assert.Equal(1, asOthersSeeIt.GetProperty("total_gallery_submissions").GetInt32());
        Assert.Equal(othersList.GetArrayLength(), asOthersSeeIt.GetProperty("total_gallery_submissions").GetInt32());
        Assert.Equal(2, asTheSharerSeesIt.GetProperty("total_gallery_submissions").GetInt32());
        Assert.Equal(1, fansFavorites.GetProperty("total_gallery_favorites").GetInt32());
    }

    [Fact]
    public async Task DeletingASharedImage_TakesItOutOfTheGallery()
    {
        var sharer = await app.SignedInClientAsync();
        var id = await ShareAsync(sharer, "short-lived", 100);

        using var deleted = await sharer.Http.DeleteAsync($"/3/image/{id}");
        using var profile = await sharer.Http.GetAsync("/3/account/me/gallery_profile");

        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        Assert.Equal(0, (await Envelope.DataAsync(profile)).GetProperty("total_gallery_submissions").GetInt32());
    }

    [Fact]
    public async Task SharedAlbums_AreSubmissions_AndFavoritedAlbums_AreGalleryFavorites()
    {
        var sharer = await app.SignedInClientAsync();
        var fan = await app.SignedInClientAsync();
        var image = (await sharer.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (album, _) = await sharer.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"));
        using (await sharer.Http.PostAsync($"/3/gallery/album/{album}", Forms.Form(("title", "Holiday"), ("terms", "1"))))
        {
        }
        using (await fan.Http.PostAsync($"/3/album/{album}/favorite", null))
        {
        }

        using var submissions = await fan.Http.GetAsync($"/3/account/{sharer.Username}/submissions");
        using var favorites = await fan.Http.GetAsync("/3/account/me/gallery_favorites");

        var submitted = (await Envelope.DataAsync(submissions)).EnumerateArray().Single();
        var favorite = (await Envelope.DataAsync(favorites)).EnumerateArray().Single();
        Assert.Equal((album, true, "Holiday"), (submitted.GetProperty("id").GetString(), submitted.GetProperty("is_album").GetBoolean(),
            submitted.GetProperty("title").GetString()));
        Assert.Equal(album, favorite.GetProperty("id").GetString());
        Assert.True(favorite.GetProperty("favorite").GetBoolean());
        Assert.Equal(1, favorite.GetProperty("favorite_count").GetInt32());
    }
}
