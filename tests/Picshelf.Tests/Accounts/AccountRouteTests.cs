using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.Forms;

namespace Picshelf.Tests.Accounts;

public sealed class AccountRouteTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task Base_ByUsernameMeOrAccountId_IsTheAccountModel()
    {
        var user = await app.SignedInClientAsync();
        var stranger = await app.AnonymousClientAsync();

        using var byName = await stranger.GetAsync($"/3/account/{user.Username.ToUpperInvariant()}");
        using var me = await user.Http.GetAsync("/3/account/me");
        using var byId = await stranger.GetAsync($"/3/account/ignored?account_id={user.AccountId}");

        var model = await Envelope.DataAsync(byName);
        Assert.Equal(["id", "url", "bio", "avatar", "avatar_name", "cover", "cover_name", "reputation", "reputation_name", "created", "pro_expiration", "user_follow", "is_blocked"],
            model.EnumerateObject().Select(p => p.Name));
        Assert.Equal(user.AccountId, model.GetProperty("id").GetInt32());
        Assert.Equal(user.Username, model.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("bio").ValueKind);
        Assert.Equal(JsonValueKind.Number, model.GetProperty("reputation").ValueKind);
        Assert.Equal("Neutral", model.GetProperty("reputation_name").GetString());
        Assert.Equal(JsonValueKind.False, model.GetProperty("pro_expiration").ValueKind);
        Assert.False(model.GetProperty("user_follow").GetProperty("status").GetBoolean());
        Assert.Equal(model.GetRawText(), (await Envelope.DataAsync(me)).GetRawText());
        Assert.Equal(model.GetRawText(), (await Envelope.DataAsync(byId)).GetRawText());
    }

    [Fact]
    public async Task Base_UnknownUser_Is404_AndMeWithoutAToken_Is403()
    {
        var client = await app.AnonymousClientAsync();

        using var unknown = await client.GetAsync("/3/account/nosuchuser99");
        using var me = await client.GetAsync("/3/account/me");
        using var badId = await client.GetAsync("/3/account/x?account_id=abc");

        Assert.Equal("Unable to find an account with the username, nosuchuser99", await Envelope.ErrorAsync(unknown, 404));
        Assert.Equal("This method requires authentication", await Envelope.ErrorAsync(me, 403));
        await Envelope.ErrorAsync(badId, 400);
    }

    [Fact]
    public async Task Settings_AreTheOwnersOnly_WithTheKeysImgurpythonReads()
    {
        var user = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();

        using var own = await user.Http.GetAsync("/3/account/me/settings");
        using var theirs = await other.Http.GetAsync($"/3/account/{user.Username}/settings");
        using var anonymous = await (await app.AnonymousClientAsync()).GetAsync($"/3/account/{user.Username}/settings");

        var settings = await Envelope.DataAsync(own);
        foreach (var key in new[] { "email", "high_quality", "public_images", "album_privacy", "pro_expiration", "accepted_gallery_terms", "active_emails", "messaging_enabled", "blocked_users" })
        {
            Assert.True(settings.TryGetProperty(key, out _), key);
        }
        Assert.Equal($"{user.Username}@example.com", settings.GetProperty("email").GetString());
        Assert.Equal(user.Username, settings.GetProperty("account_url").GetString());
        Assert.Equal("Unauthorized", await Envelope.ErrorAsync(theirs, 403));
        Assert.Equal("This method requires authentication", await Envelope.ErrorAsync(anonymous, 403));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    public async Task ChangeSettings_ByPutOrPost_ChangesEveryDocumentedKey(string method)
    {
        var user = await app.SignedInClientAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), "/3/account/me/settings")
        {
            Content = Form(("bio", "I take pictures"), ("public_images", "true"), ("messaging_enabled", "false"), ("album_privacy", "secret"),
                ("accepted_gallery_terms", "1"), ("show_mature", "true"), ("newsletter_subscribed", "true")),
        };

        using var changed = await user.Http.SendAsync(request);
        using var settings = await user.Http.GetAsync("/3/account/me/settings");
        using var account = await user.Http.GetAsync("/3/account/me");

        Assert.True((await Envelope.DataAsync(changed)).GetBoolean());
        var data = await Envelope.DataAsync(settings);
        Assert.True(data.GetProperty("public_images").GetBoolean());
        Assert.False(data.GetProperty("messaging_enabled").GetBoolean());
        Assert.Equal("secret", data.GetProperty("album_privacy").GetString());
        Assert.True(data.GetProperty("accepted_gallery_terms").GetBoolean());
        Assert.True(data.GetProperty("show_mature").GetBoolean());
        Assert.True(data.GetProperty("newsletter_subscribed").GetBoolean());
        Assert.Equal("I take pictures", (await Envelope.DataAsync(account)).GetProperty("bio").GetString());
    }

    [Theory]
    [InlineData("album_privacy", "private", "album_privacy must be public, hidden or secret")]
    [InlineData("public_images", "maybe", "public_images must be true or false (or public or private)")]
    [InlineData("username", "ab", "The username must be 4 to 63 letters and digits")]
    [InlineData("username", "has space", "The username must be 4 to 63 letters and digits")]
    public async Task ChangeSettings_BadValue_Is400AndChangesNothing(string key, string value, string message)
    {
        var user = await app.SignedInClientAsync();

        using var refused = await user.Http.PutAsync("/3/account/me/settings", Form(("bio", "should not stick"), (key, value)));
        using var account = await user.Http.GetAsync("/3/account/me");

        Assert.Equal(message, await Envelope.ErrorAsync(refused, 400));
        Assert.Equal(JsonValueKind.Null, (await Envelope.DataAsync(account)).GetProperty("bio").ValueKind);
    }

    [Theory]
    [InlineData("private", false)]
    [InlineData("public", true)]
    [InlineData("Private", false)]
    [InlineData("false", false)]
    public async Task ChangeSettings_PublicImages_TakesPublicOrPrivate_AsTheSpecWordsIt_OrAFlag(string value, bool expected)
    {
        var user = await app.SignedInClientAsync();
        using (var flipped = await user.Http.PutAsync("/3/account/me/settings", Form(("public_images", expected ? "false" : "true"))))
        {
            await Envelope.DataAsync(flipped);
        }

        using var changed = await user.Http.PostAsync("/3/account/me/settings", Form(("public_images", value)));
        var settings = await user.Http.GetDataAsync("/3/account/me/settings");

        await Envelope.DataAsync(changed);
        Assert.Equal(expected, settings.GetProperty("public_images").GetBoolean());
    }

    [Fact]
    public async Task ChangeSettings_ToATakenUsername_Is400_AndToAFreeOneRenamesEverywhere()
    {
        var user = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var image = await user.Http.UploadAsync(TestImages.Png());
        var imageId = image.GetProperty("id").GetString();

        using var taken = await user.Http.PutAsync("/3/account/me/settings", Form(("username", other.Username.ToLowerInvariant())));
        var newName = "renamed" + Guid.NewGuid().ToString("N")[..8];
        using var renamed = await user.Http.PutAsync("/3/account/me/settings", Form(("username", newName)));
        using var imageAfter = await user.Http.GetAsync($"/3/image/{imageId}");
        using var oldName = await user.Http.GetAsync($"/3/account/{user.Username}");

        Assert.Contains("is taken", await Envelope.ErrorAsync(taken, 400), StringComparison.Ordinal);
        Assert.True((await Envelope.DataAsync(renamed)).GetBoolean());
        Assert.Equal(newName, (await Envelope.DataAsync(imageAfter)).GetProperty("account_url").GetString());
        await Envelope.ErrorAsync(oldName, 404);
    }

    [Fact]
    public async Task Images_IdsCountAndOne_AreTheOwners_NewestFirst_WithDeletehash()
    {
        var user = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var first = (await user.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var second = (await user.Http.UploadAsync(TestImages.Jpeg())).GetProperty("id").GetString()!;
        await other.Http.UploadAsync(TestImages.Png());

        using var images = await user.Http.GetAsync("/3/account/me/images");
        using var ids = await user.Http.GetAsync($"/3/account/{user.Username}/images/ids/0");
        using var count = await user.Http.GetAsync("/3/account/me/images/count");
        using var one = await user.Http.GetAsync($"/3/account/me/image/{first}");
        using var notTheirs = await other.Http.GetAsync($"/3/account/{user.Username}/images");
        using var someoneElsesImage = await other.Http.GetAsync($"/3/account/me/image/{first}");
        using var secondPage = await user.Http.GetAsync("/3/account/me/images/1");

        var list = await Envelope.DataAsync(images);
        Assert.Equal(2, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), i => Assert.True(i.TryGetProperty("deletehash", out _)));
        var idList = (await Envelope.DataAsync(ids)).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(2, idList.Count);
        Assert.Contains(first, idList);
        Assert.Contains(second, idList);
        Assert.Equal(2, (await Envelope.DataAsync(count)).GetInt32());
        Assert.Equal(first, (await Envelope.DataAsync(one)).GetProperty("id").GetString());
        Assert.Equal("Unauthorized", await Envelope.ErrorAsync(notTheirs, 403));
        await Envelope.ErrorAsync(someoneElsesImage, 404);
        Assert.Equal(0, (await Envelope.DataAsync(secondPage)).GetArrayLength());
    }

    [Fact]
    public async Task ImageDeletion_ByDeletehash_RemovesRowAndFiles()
    {
        var user = await app.SignedInClientAsync();
        var image = await user.Http.UploadAsync(TestImages.Png());
        var id = image.GetProperty("id").GetString()!;

        using var deleted = await user.Http.DeleteAsync($"/3/account/me/image/{image.GetProperty("deletehash").GetString()}");
        using var gone = await user.Http.GetAsync($"/3/image/{id}");

        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        await Envelope.ErrorAsync(gone, 404);
        Assert.DoesNotContain(await app.StoredFilesAsync(), f => Path.GetFileName(f).StartsWith(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Favorites_AreTheOwners_NewestOrOldestFirst()
    {
        // Favorites are ordered by the second they were made: a clock of this test's own tells the two apart without waiting.
        var clock = new FakeTimeProvider(FixedClockApp.Now);
        await using var app = new PicshelfApp().WithClock(clock);
        var user = await app.SignedInClientAsync();
        var uploader = await app.SignedInClientAsync();
        var first = (await uploader.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var second = (await uploader.Http.UploadAsync(TestImages.Jpeg())).GetProperty("id").GetString()!;
        using (await user.Http.PostAsync($"/3/image/{first}/favorite", null))
        {
        }
        clock.Advance(TimeSpan.FromSeconds(1));
        using (await user.Http.PostAsync($"/3/image/{second}/favorite", null))
        {
        }

        using var newest = await user.Http.GetAsync("/3/account/me/favorites");
        using var oldest = await user.Http.GetAsync("/3/account/me/favorites/0/oldest");
        using var badSort = await user.Http.GetAsync("/3/account/me/favorites/0/best");
        using var theirs = await uploader.Http.GetAsync($"/3/account/{user.Username}/favorites");

        var newestIds = (await Envelope.DataAsync(newest)).EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        var oldestList = await Envelope.DataAsync(oldest);
        Assert.Equal([second, first], newestIds);
        Assert.Equal([first, second], oldestList.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList());
        Assert.All(oldestList.EnumerateArray(), i =>
        {
            Assert.False(i.GetProperty("is_album").GetBoolean());
            Assert.Equal(JsonValueKind.Null, i.GetProperty("ups").ValueKind);
            Assert.True(i.GetProperty("favorite").GetBoolean());
            Assert.False(i.TryGetProperty("deletehash", out _));
            Assert.Equal(uploader.Username, i.GetProperty("account_url").GetString());
        });
        await Envelope.ErrorAsync(badSort, 400);
        Assert.Equal("Unauthorized", await Envelope.ErrorAsync(theirs, 403));
    }

    [Fact]
    public async Task Favorites_ListAlbumsToo_TellingThemApartByIsAlbum()
    {
        // Favorites are ordered by the second they were made: a clock of this test's own tells the two apart without waiting.
        var clock = new FakeTimeProvider(FixedClockApp.Now);
        await using var app = new PicshelfApp().WithClock(clock);
        var user = await app.SignedInClientAsync();
        var owner = await app.SignedInClientAsync();
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using var created = await owner.Http.PostAsync("/3/album", Form(("ids", image), ("privacy", "public")));
        var album = (await Envelope.DataAsync(created)).GetProperty("id").GetString()!;
        using (await user.Http.PostAsync($"/3/image/{image}/favorite", null))
        {
        }
        clock.Advance(TimeSpan.FromSeconds(1));
        using (await user.Http.PostAsync($"/3/album/{album}/favorite", null))
        {
        }

        using var favorites = await user.Http.GetAsync("/3/account/me/favorites/0/newest");

        var items = (await Envelope.DataAsync(favorites)).EnumerateArray().ToList();
        Assert.Equal([album, image], items.Select(i => i.GetProperty("id").GetString()).ToList());
        Assert.True(items[0].GetProperty("is_album").GetBoolean());
        Assert.Equal(1, items[0].GetProperty("images_count").GetInt32());
        Assert.True(items[0].GetProperty("favorite").GetBoolean());
        Assert.False(items[0].TryGetProperty("deletehash", out _));
        Assert.False(items[1].GetProperty("is_album").GetBoolean());
    }

    [Fact]
    public async Task Favorites_InTheGallery_AreShownAsTheGalleryShowsThem_WithTheirTallies()
    {
        var user = await app.SignedInClientAsync();
        var owner = await app.SignedInClientAsync();
        var tag = "fav" + Guid.NewGuid().ToString("N")[..8];
        var post = await owner.Http.ShareNewImageAsync("Favorite post", ("tags", tag));
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using var created = await owner.Http.PostAsync("/3/album", Form(("ids", image), ("privacy", "public")));
        var album = (await Envelope.DataAsync(created)).GetProperty("id").GetString()!;
        using (var shared = await owner.Http.PostAsync($"/3/gallery/album/{album}", Form(("title", "Favorite album"))))
        {
            await Envelope.DataAsync(shared);
        }
        foreach (var path in new[] { $"/3/image/{post}/favorite", $"/3/album/{album}/favorite", $"/3/gallery/{post}/vote/up" })
        {
            using var done = await user.Http.PostAsync(path, null);
            await Envelope.DataAsync(done);
        }

        var items = (await user.Http.GetDataAsync("/3/account/me/favorites")).EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        var asPosted = await user.Http.GetDataAsync($"/3/gallery/{post}");

        var favoritePost = items[post];
        Assert.True(favoritePost.GetProperty("in_gallery").GetBoolean());
        Assert.Equal(1, favoritePost.GetProperty("ups").GetInt32());
        Assert.Equal(1, favoritePost.GetProperty("favorite_count").GetInt32());
        Assert.Equal("up", favoritePost.GetProperty("vote").GetString());
        Assert.Equal([tag], favoritePost.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(asPosted.GetProperty("score").GetInt32(), favoritePost.GetProperty("score").GetInt32());
        var favoriteAlbum = items[album];
        Assert.True(favoriteAlbum.GetProperty("is_album").GetBoolean());
        Assert.True(favoriteAlbum.GetProperty("in_gallery").GetBoolean());
        Assert.Equal(0, favoriteAlbum.GetProperty("ups").GetInt32());
        Assert.Equal("Favorite album", favoriteAlbum.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Delete_WithoutOrWithAWrongPassword_Is403AndDeletesNothing()
    {
        var user = await app.SignedInClientAsync();
        await user.Http.UploadAsync(TestImages.Png());

        using var none = await user.Http.PostAsync("/3/account/me/delete", Form());
        using var wrong = await user.Http.PostAsync("/3/account/me/delete", Form(("password", "not it")));

        await Envelope.ErrorAsync(none, 403);
        await Envelope.ErrorAsync(wrong, 403);
        Assert.True(await app.WithDbAsync(db => db.Accounts.AnyAsync(a => a.Id == user.AccountId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Images.CountAsync(i => i.AccountId == user.AccountId)));
    }

    [Fact]
    public async Task Delete_WithThePassword_RemovesAccountImagesAndTokens()
    {
        var user = await app.SignedInClientAsync();
        var id = (await user.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        using var deleted = await user.Http.PostAsync($"/3/account/me/delete?client_id={user.ClientId}", Form(("password", "correct horse battery")));
        using var afterwards = await user.Http.GetAsync("/3/account/me");
        using var lookup = await (await app.AnonymousClientAsync()).GetAsync($"/3/account/{user.Username}");

        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        Assert.Equal("The access token provided is invalid.", await Envelope.ErrorAsync(afterwards, 403));
        await Envelope.ErrorAsync(lookup, 404);
        Assert.False(await app.WithDbAsync(db => db.Images.AnyAsync(i => i.Id == id)));
        Assert.DoesNotContain(await app.StoredFilesAsync(), f => Path.GetFileName(f).StartsWith(id, StringComparison.Ordinal));
    }
}
