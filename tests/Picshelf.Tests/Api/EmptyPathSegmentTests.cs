using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.Forms;

namespace Picshelf.Tests.Api;

/// <summary>
/// Imgur.API leaves a page segment empty when it has no page (<c>…/gallery_favorites//newest</c>, <c>…/images/</c>): an
/// empty segment where a page, sort or window stands answers as the route's default, on every paged route family.
/// </summary>
public sealed class EmptyPathSegmentTests(EmptyPathSegmentTests.World world) : IClassFixture<EmptyPathSegmentTests.World>
{
    /// <summary>
    /// One owner with images, albums and two gallery posts (tagged, in a subreddit, findable by a word), and one reader
    /// who favorited and commented on both, so every list below has something in it.
    /// </summary>
    public sealed class World : IAsyncLifetime
    {
        public PicshelfApp App { get; } = new();

        public SignedInClient Owner { get; private set; } = null!;

        public SignedInClient Reader { get; private set; } = null!;

        public string Word { get; } = "word" + Guid.NewGuid().ToString("N")[..10];

        public string Tag { get; } = "tag" + Guid.NewGuid().ToString("N")[..10];

        public string Subreddit { get; } = "sub" + Guid.NewGuid().ToString("N")[..10];

        public string Post { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Owner = await App.SignedInClientAsync();
            Reader = await App.SignedInClientAsync();
            var image = (await Owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
            await Owner.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"));
            await Owner.Http.CreateAlbumAsync(("privacy", "public"));
            string[] posts =
            [
                await Owner.Http.ShareNewImageAsync($"{Word} first", ("tags", Tag), ("subreddit", Subreddit)),
                await Owner.Http.ShareNewImageAsync($"{Word} second", ("tags", Tag), ("subreddit", Subreddit)),
            ];
            Post = posts[0];
            foreach (var post in posts)
            {
                using var favorited = await Reader.Http.PostAsync($"/3/image/{post}/favorite", null);
                Assert.Equal("favorited", (await Envelope.DataAsync(favorited)).GetString());
                using var commented = await Reader.Http.PostAsync("/3/comment", Form(("image_id", post), ("comment", "Nice")));
                await Envelope.DataAsync(commented);
            }
        }

        public Task DisposeAsync() => App.DisposeAsync().AsTask();

        public HttpClient ClientOf(string who) => who == "owner" ? Owner.Http : Reader.Http;

        public string Expand(string path) => path.Replace("{owner}", Owner.Username, StringComparison.Ordinal)
            .Replace("{word}", Word, StringComparison.Ordinal).Replace("{tag}", Tag, StringComparison.Ordinal)
            .Replace("{subreddit}", Subreddit, StringComparison.Ordinal).Replace("{post}", Post, StringComparison.Ordinal);
    }

    [Theory]
    // Account images and albums: the page is the only optional segment.
    [InlineData("owner", "/3/account/me/images/", "/3/account/me/images/0")]
    [InlineData("owner", "/3/account/me/images//", "/3/account/me/images/0")]
    [InlineData("owner", "/3/account/me/images/ids/", "/3/account/me/images/ids/0")]
    [InlineData("owner", "/3/account/me/albums/", "/3/account/me/albums/0")]
    [InlineData("owner", "/3/account/me/albums/ids/", "/3/account/me/albums/ids/0")]
    // The gallery under the account: submissions, gallery favorites, favorites ({page}/{sort}).
    [InlineData("reader", "/3/account/{owner}/submissions//newest", "/3/account/{owner}/submissions/0/newest")]
    [InlineData("reader", "/3/account/{owner}/submissions/0/", "/3/account/{owner}/submissions/0/newest")]
    [InlineData("reader", "/3/account/me/gallery_favorites//newest", "/3/account/me/gallery_favorites/0/newest")]
    [InlineData("reader", "/3/account/me/gallery_favorites//", "/3/account/me/gallery_favorites/0/newest")]
    [InlineData("reader", "/3/account/me/favorites//newest", "/3/account/me/favorites/0/newest")]
    // The account's comments ({sort}/{page}).
    [InlineData("reader", "/3/account/me/comments//0", "/3/account/me/comments/newest/0")]
    [InlineData("reader", "/3/account/me/comments/newest/", "/3/account/me/comments/newest/0")]
    [InlineData("reader", "/3/account/me/comments/ids//0", "/3/account/me/comments/ids/newest/0")]
    // A post's comments ({sort}).
    [InlineData("reader", "/3/gallery/{post}/comments/", "/3/gallery/{post}/comments/best")]
    // Gallery lists ({section}/{sort}/{window}/{page}).
    [InlineData("reader", "/3/gallery/user//day/0", "/3/gallery/user/viral/day/0")]
    [InlineData("reader", "/3/gallery/user/time//0", "/3/gallery/user/time/day/0")]
    [InlineData("reader", "/3/gallery/user/time/day/", "/3/gallery/user/time/day/0")]
    [InlineData("reader", "/3/gallery/user/time//", "/3/gallery/user/time/day/0")]
    // Search, a tag's page and a subreddit's section ({sort}/{window}/{page}).
    [InlineData("reader", "/3/gallery/search//all/?q={word}", "/3/gallery/search/time/all/0?q={word}")]
    [InlineData("reader", "/3/gallery/search/time///?q={word}", "/3/gallery/search/time/all/0?q={word}")]
    [InlineData("reader", "/3/gallery/t/{tag}//week/", "/3/gallery/t/{tag}/viral/week/0")]
    [InlineData("reader", "/3/gallery/t/{tag}/time//0", "/3/gallery/t/{tag}/time/week/0")]
    [InlineData("reader", "/3/gallery/r/{subreddit}//week/0", "/3/gallery/r/{subreddit}/time/week/0")]
    public async Task AnEmptySegment_AnswersAsTheDefault(string caller, string empty, string withDefaults)
    {
        var client = world.ClientOf(caller);

        using var emptyAnswer = await client.GetAsync(world.Expand(empty));
        using var defaultAnswer = await client.GetAsync(world.Expand(withDefaults));

        var expected = (await Envelope.DataAsync(defaultAnswer)).GetRawText();
        Assert.NotEqual("[]", expected);
        Assert.Equal(expected, (await Envelope.DataAsync(emptyAnswer)).GetRawText());
    }

    [Theory]
    [InlineData("/3/account//images")]
    [InlineData("/3/account/me//images")]
    [InlineData("/3/gallery//comments")]
    [InlineData("/3/comment//replies")]
    public async Task AnEmptySegmentWhereANameOrIdStands_IsStillNotFound_NamingThePathAsSent(string path)
    {
        using var response = await world.Reader.Http.GetAsync(path);

        Assert.Equal("Not Found", await Envelope.ErrorAsync(response, 404));
        Assert.Equal(path, (await Envelope.ReadAsync(response)).GetProperty("data").GetProperty("request").GetString());
    }

    /// <summary>The rate limiter answers before the handler, and its 429 named the mended path (<c>…/0/newest</c>).</summary>
    [Fact]
    public async Task ARefusalBeforeTheHandler_NamesThePathAsSent()
    {
        await using var spent = new PicshelfApp().With("RateLimits:AnonymousCreditsPerHour", "0");
        using var nobody = spent.CreateClient();
        const string path = "/3/account/someone/gallery_favorites//newest";

        using var response = await nobody.GetAsync(path);

        await Envelope.ErrorAsync(response, 429);
        Assert.Equal(path, (await Envelope.ReadAsync(response)).GetProperty("data").GetProperty("request").GetString());
    }

    [Fact]
    public async Task AWrongSortAfterAnEmptyPage_IsStill400()
    {
        using var response = await world.Reader.Http.GetAsync("/3/account/me/gallery_favorites//loudest");

        Assert.Equal("sort must be newest or oldest", await Envelope.ErrorAsync(response, 400));
    }
}
