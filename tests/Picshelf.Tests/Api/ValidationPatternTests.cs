using Picshelf.Accounts;
using Picshelf.Gallery;

namespace Picshelf.Tests.Api;

/// <summary>
/// Every validation pattern ends at the true end of the text: .NET's <c>$</c> also matches before a final line feed,
/// which let <c>checker\n</c> exist beside <c>checker</c>.
/// </summary>
public sealed class ValidationPatternTests
{
    [Fact]
    public void AUsername_EndingInALineFeed_IsNotValid()
    {
        Assert.True(AccountRegistration.IsValidUsername("checker"));
        Assert.False(AccountRegistration.IsValidUsername("checker\n"));
    }

    [Fact]
    public void ASubreddit_EndingInALineFeed_IsNotOne()
    {
        Assert.Equal("pics", GallerySections.TryNormalize("Pics"));
        Assert.Null(GallerySections.TryNormalize("pics\n"));
    }
}
