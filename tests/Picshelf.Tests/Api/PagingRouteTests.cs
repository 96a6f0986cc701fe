using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Api;

/// <summary>Paged lists through HTTP on both providers: a page past the end is empty, a page past any sane end is 400, never a 500 or the first page again.</summary>
public sealed class PagingRouteTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Theory]
    [InlineData("albums")]
    [InlineData("images")]
    [InlineData("comments")]
    [InlineData("submissions")]
    [InlineData("comments/newest")]
    [InlineData("images/ids")]
    [InlineData("favorites")]
    public async Task APageFarPastTheEnd_IsEmpty_AndAPageBeyondTheMaximum_Is400(string list)
    {
        var user = await app.SignedInClientAsync();
        await user.Http.UploadAsync(TestImages.Png());

        using var farPage = await user.Http.GetAsync($"/3/account/me/{list}/1000000");
        using var overflowing = await user.Http.GetAsync($"/3/account/me/{list}/2147483647");
        using var pastAnInt = await user.Http.GetAsync($"/3/account/me/{list}/2147483648");
        using var pastALong = await user.Http.GetAsync($"/3/account/me/{list}/99999999999999999999");

        var far = await Envelope.DataAsync(farPage);
        Assert.Equal(JsonValueKind.Array, far.ValueKind);
        Assert.Equal(0, far.GetArrayLength());
        foreach (var refused in new[] { overflowing, pastAnInt, pastALong })
        {
            Assert.Contains("page must be from 0 to", await Envelope.ErrorAsync(refused, 400), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/3/gallery/hot/viral/day/{0}")]
    [InlineData("/3/gallery/t/funny/viral/week/{0}")]
    [InlineData("/3/gallery/search/time/all/{0}?q=cats")]
    [InlineData("/3/account/me/submissions/{0}")]
    public async Task GalleryLists_APageFarPastTheEnd_IsEmpty_AndAPageBeyondTheMaximum_Is400(string route)
    {
        var user = await app.SignedInClientAsync();
        await user.Http.ShareNewImageAsync("Paged", ("tags", "funny"));

        using var farPage = await user.Http.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, 1_000_000));
        using var overflowing = await user.Http.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, int.MaxValue));

        var far = await Envelope.DataAsync(farPage);
        var items = far.ValueKind == JsonValueKind.Object ? far.GetProperty("items") : far;
        Assert.Equal(0, items.GetArrayLength());
        Assert.Contains("page must be from 0 to", await Envelope.ErrorAsync(overflowing, 400), StringComparison.Ordinal);
    }
}
