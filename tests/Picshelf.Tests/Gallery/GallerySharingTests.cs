using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>Sharing images and albums to the gallery and taking them back: only the owner, with a title and the terms accepted.</summary>
public sealed class GallerySharingTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task Share_ByTheOwner_PutsTheImageInTheGalleryAsAGalleryImage()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("A sunset", ("topic", "Aww"));
        var visitor = await app.AnonymousClientAsync();

        using var post = await visitor.GetAsync($"/3/gallery/{id}");
        using var asImage = await visitor.GetAsync($"/3/gallery/image/{id}");
        using var asAlbum = await visitor.GetAsync($"/3/gallery/album/{id}");
        using var image = await visitor.GetAsync($"/3/image/{id}");
        using var settings = await owner.Http.GetAsync("/3/account/me/settings");

        var model = await Envelope.DataAsync(post);
        Assert.Equal(id, model.GetProperty("id").GetString());
        Assert.False(model.GetProperty("is_album").GetBoolean());
        Assert.True(model.GetProperty("in_gallery").GetBoolean());
        Assert.Equal("A sunset", model.GetProperty("title").GetString());
        Assert.Equal("Aww", model.GetProperty("topic").GetString());
        Assert.Equal(owner.Username, model.GetProperty("account_url").GetString());
        foreach (var tally in new[] { "ups", "downs", "points", "score", "comment_count", "favorite_count" })
        {
            Assert.Equal(0, model.GetProperty(tally).GetInt32());
        }
        Assert.Equal(JsonValueKind.Null, model.GetProperty("vote").ValueKind);
        Assert.False(model.TryGetProperty("deletehash", out _));
        Assert.Equal(id, (await Envelope.DataAsync(asImage)).GetProperty("id").GetString());
        await Envelope.ErrorAsync(asAlbum, 404);
        Assert.True((await Envelope.DataAsync(image)).GetProperty("in_gallery").GetBoolean());
        Assert.True((await Envelope.DataAsync(settings)).GetProperty("accepted_gallery_terms").GetBoolean());
    }

    [Fact]
    public async Task Share_ThroughTheBareIdRoute_TakesTermsTrueAsImgurApiSendsIt()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        using var withoutTerms = await owner.Http.PostAsync($"/3/gallery/{id}", Forms.Form(("title", "Mine")));
        using var withTerms = await owner.Http.PostAsync($"/3/gallery/{id}", Forms.Form(("title", "Mine"), ("terms", "true")));

        Assert.Contains("gallery terms", await Envelope.ErrorAsync(withoutTerms, 403), StringComparison.Ordinal);
        Assert.True((await Envelope.DataAsync(withTerms)).GetBoolean());
    }

    [Fact]
    public async Task Share_AfterAcceptingTheTermsInSettings_NeedsNoTermsField()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using (await owner.Http.PutAsync("/3/account/me/settings", Forms.Form(("accepted_gallery_terms", "true"))))
        {
        }

        using var shared = await owner.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form(("title", "Mine")));

        Assert.True((await Envelope.DataAsync(shared)).GetBoolean());
    }

    [Fact]
    public async Task Share_WithoutATitleOrWithBadFields_Is400_AndSharesNothing()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        using var noTitle = await owner.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form(("terms", "1")));
        using var blankTitle = await owner.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form(("title", "   "), ("terms", "1")));
        using var longTitle = await owner.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form(("title", new string('t', 256)), ("terms", "1")));
        using var badMature = await owner.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form(("title", "x"), ("terms", "1"), ("mature", "maybe")));

        Assert.Contains("title", await Envelope.ErrorAsync(noTitle, 400), StringComparison.Ordinal);
        await Envelope.ErrorAsync(blankTitle, 400);
        await Envelope.ErrorAsync(longTitle, 400);
        await Envelope.ErrorAsync(badMature, 400);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.GalleryItems.Any(i => i.Id == id))));
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Accounts.Single(a => a.Id == owner.AccountId).AcceptedGalleryTerms)));
    }

    [Fact]
    public async Task Share_SomeoneElsesOrAnAnonymousImage_Is403_AndAClientIdAlone_Is401()
    {
        var owner = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var anonymous = await app.AnonymousClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var anonymousImage = (await anonymous.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        using var theirs = await other.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form(("title", "Stolen"), ("terms", "1")));
        using var nobodys = await other.Http.PostAsync($"/3/gallery/image/{anonymousImage}", Forms.Form(("title", "Stolen"), ("terms", "1")));
        using var clientOnly = await anonymous.PostAsync($"/3/gallery/image/{id}", Forms.Form(("title", "Stolen"), ("terms", "1")));
        using var missing = await owner.Http.PostAsync("/3/gallery/image/NoSuchId", Forms.Form(("title", "Lost"), ("terms", "1")));

        await Envelope.ErrorAsync(theirs, 403);
        await Envelope.ErrorAsync(nobodys, 403);
        await Envelope.ErrorAsync(clientOnly, 401);
        await Envelope.ErrorAsync(missing, 404);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.GalleryItems.Any(i => i.Id == id || i.Id == anonymousImage))));
    }

    [Fact]
    public async Task ShareAlbum_PublicOrHidden_IsAGalleryAlbumWithItsImages_ButASecretOneIs400()
    {
        var owner = await app.SignedInClientAsync();
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (hidden, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("privacy", "hidden"));
        var (secret, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("privacy", "secret"));

        using var sharedHidden = await owner.Http.PostAsync($"/3/gallery/album/{hidden}", Forms.Form(("title", "Trip"), ("terms", "1")));
        using var sharedSecret = await owner.Http.PostAsync($"/3/gallery/{secret}", Forms.Form(("title", "Trip"), ("terms", "1")));
        using var post = await owner.Http.GetAsync($"/3/gallery/album/{hidden}");
        using var asImage = await owner.Http.GetAsync($"/3/gallery/image/{hidden}");
        using var album = await owner.Http.GetAsync($"/3/album/{hidden}");

        Assert.True((await Envelope.DataAsync(sharedHidden)).GetBoolean());
        Assert.Contains("secret", await Envelope.ErrorAsync(sharedSecret, 400), StringComparison.Ordinal);
        var model = await Envelope.DataAsync(post);
        Assert.True(model.GetProperty("is_album").GetBoolean());
        Assert.True(model.GetProperty("in_gallery").GetBoolean());
        Assert.Equal("Trip", model.GetProperty("title").GetString());
        Assert.Equal(1, model.GetProperty("images_count").GetInt32());
        Assert.Equal(image, model.GetProperty("images")[0].GetProperty("id").GetString());
        Assert.Equal(0, model.GetProperty("points").GetInt32());
        await Envelope.ErrorAsync(asImage, 404);
        Assert.True((await Envelope.DataAsync(album)).GetProperty("in_gallery").GetBoolean());
    }

    [Fact]
    public async Task ASharedAlbum_CannotBecomeSecret_UntilItLeavesTheGallery()
    {
        var owner = await app.SignedInClientAsync();
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (album, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"));
        using (await owner.Http.PostAsync($"/3/gallery/album/{album}", Forms.Form(("title", "Shared"), ("terms", "1"))))
        {
        }

        using var whileShared = await owner.Http.PutAsync($"/3/album/{album}", Forms.Form(("privacy", "secret")));
        using var hidden = await owner.Http.PutAsync($"/3/album/{album}", Forms.Form(("privacy", "hidden")));
        using (await owner.Http.DeleteAsync($"/3/gallery/{album}"))
        {
        }
        using var afterwards = await owner.Http.PutAsync($"/3/album/{album}", Forms.Form(("privacy", "secret")));

        Assert.Contains("gallery", await Envelope.ErrorAsync(whileShared, 400), StringComparison.Ordinal);
        Assert.True((await Envelope.DataAsync(hidden)).GetBoolean());
        Assert.True((await Envelope.DataAsync(afterwards)).GetBoolean());
    }

    [Fact]
    public async Task ShareAgain_ChangesTheTitle_AndKeepsTheVotes()
    {
        var owner = await app.SignedInClientAsync();
        var voter = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("First title");
        using (await voter.Http.PostAsync($"/3/gallery/{id}/vote/up", null))
        {
        }

        using var again = await owner.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form(("title", "Second title"), ("mature", "1")));
        using var post = await owner.Http.GetAsync($"/3/gallery/{id}");

        Assert.True((await Envelope.DataAsync(again)).GetBoolean());
        var model = await Envelope.DataAsync(post);
        Assert.Equal("Second title", model.GetProperty("title").GetString());
        Assert.True(model.GetProperty("nsfw").GetBoolean());
        Assert.Equal(1, model.GetProperty("ups").GetInt32());
    }

    [Fact]
    public async Task Remove_ByTheOwner_TakesThePostOut_ButNotTheImage()
    {
        var owner = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Short-lived");

        using var byOther = await other.Http.DeleteAsync($"/3/gallery/{id}");
        using var byOwner = await owner.Http.DeleteAsync($"/3/gallery/{id}");
        using var again = await owner.Http.DeleteAsync($"/3/gallery/{id}");
        using var post = await owner.Http.GetAsync($"/3/gallery/{id}");
        using var image = await owner.Http.GetAsync($"/3/image/{id}");

        await Envelope.ErrorAsync(byOther, 403);
        Assert.True((await Envelope.DataAsync(byOwner)).GetBoolean());
        await Envelope.ErrorAsync(again, 404);
        await Envelope.ErrorAsync(post, 404);
        Assert.False((await Envelope.DataAsync(image)).GetProperty("in_gallery").GetBoolean());
    }

    [Fact]
    public async Task DeletingTheImage_TakesItsPostOutOfTheGallery()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Gone soon");

        using (await owner.Http.DeleteAsync($"/3/image/{id}"))
        {
        }
        using var post = await owner.Http.GetAsync($"/3/gallery/{id}");

        await Envelope.ErrorAsync(post, 404);
    }

    [Fact]
    public async Task AnImageReadBeforeAndAfter_ShowsInGalleryAsItChanges_SharingAndRemovalReachTheCachedImage()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var visitor = await app.AnonymousClientAsync();

        async Task<bool> InGalleryAsync()
        {
            using var image = await visitor.GetAsync($"/3/image/{id}");
            return (await Envelope.DataAsync(image)).GetProperty("in_gallery").GetBoolean();
        }
        var before = await InGalleryAsync();
        using (var shared = await owner.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form(("title", "Now shared"), ("terms", "1"))))
        {
            Assert.True((await Envelope.DataAsync(shared)).GetBoolean());
        }
        var whileShared = await InGalleryAsync();
        using (var removed = await owner.Http.DeleteAsync($"/3/gallery/{id}"))
        {
            Assert.True((await Envelope.DataAsync(removed)).GetBoolean());
        }
        var after = await InGalleryAsync();

        Assert.False(before);
        Assert.True(whileShared);
        Assert.False(after);
    }
}
