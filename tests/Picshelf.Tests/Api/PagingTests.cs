using Microsoft.AspNetCore.Http;
using Picshelf.Api;

namespace Picshelf.Tests.Api;

public sealed class PagingTests
{
    private static async Task<Paging> BindAsync(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return await Paging.BindAsync(context, null!);
    }

    [Fact]
    public async Task Defaults_ArePageZeroAndFiftyPerPage() =>
        Assert.Equal(new Paging(0, 50), await BindAsync(""));

    [Fact]
    public async Task PerPage_IsCappedAtOneHundred() =>
        Assert.Equal(new Paging(6, 100), await BindAsync("?page=6&perPage=420"));

    [Fact]
    public async Task Skip_CountsWholePages() =>
        Assert.Equal(6 * 42, (await BindAsync("?page=6&perPage=42")).Skip);

    [Theory]
    [InlineData("?page=-1")]
    [InlineData("?page=1000001")]
    [InlineData("?page=2147483647")]
    [InlineData("?page=abc")]
    [InlineData("?perPage=0")]
    [InlineData("?perPage=1e3")]
    public async Task Invalid_Throws400(string query)
    {
        var failure = await Assert.ThrowsAsync<ApiException>(() => BindAsync(query));
        Assert.Equal(400, failure.Status);
    }
}
