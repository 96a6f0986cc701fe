using System.Net;
using Picshelf.Gallery;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>
/// Following and unfollowing a tag. Tags are made by the gallery, which is not built yet: the tests put the tag's
/// row there the way the gallery will.
/// </summary>
public sealed class TagFollowTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task FollowingTags_AnswersAsTheSpec()
    {
        var user = await app.SignedInClientAsync();
        await app.WithDbAsync(async db =>
        {
            db.Tags.Add(new Tag { Name = "funny" + user.AccountId, DisplayName = "Funny", CreatedAt = 1 });
            return await db.SaveChangesAsync();
        });
        var tag = "Funny" + user.AccountId;

        using var unknown = await user.Http.PostAsync("/3/account/me/follow/tag/nosuchtag", null);
        using var notFollowing = await user.Http.DeleteAsync($"/3/account/me/follow/tag/{tag}");
        using var followed = await user.Http.PostAsync($"/3/account/me/follow/tag/{tag}", null);
        using var followedAgain = await user.Http.PostAsync($"/3/account/me/follow/tag/{tag}", null);
        using var unfollowed = await user.Http.DeleteAsync($"/3/account/me/follow/tag/{tag}");
        using var unknownUnfollow = await user.Http.DeleteAsync("/3/account/me/follow/tag/nosuchtag");

        Assert.Equal("Tag does not exist", await Envelope.ErrorAsync(unknown, 404));
        Assert.Equal("Not following tag", await Envelope.ErrorAsync(notFollowing, 409));
        Assert.True((await Envelope.DataAsync(followed)).GetBoolean());
        Assert.True((await Envelope.DataAsync(followedAgain)).GetBoolean());
        Assert.True((await Envelope.DataAsync(unfollowed)).GetBoolean());
        Assert.Equal("Tag does not exist", await Envelope.ErrorAsync(unknownUnfollow, 404));
    }

    [Fact]
    public async Task FollowingATag_NeedsTheAccountItself()
    {
        var user = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();

        using var asOther = await other.Http.PostAsync($"/3/account/{user.Username}/follow/tag/funny", null);
        using var anonymous = await (await app.AnonymousClientAsync()).PostAsync("/3/account/me/follow/tag/funny", null);

        Assert.Equal("Unauthorized", await Envelope.ErrorAsync(asOther, 403));
        Assert.Equal("This method requires authentication", await Envelope.ErrorAsync(anonymous, 403));
        Assert.Equal(HttpStatusCode.Forbidden, asOther.StatusCode);
    }
}
