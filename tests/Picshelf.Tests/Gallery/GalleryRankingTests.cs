using Picshelf.Gallery;

namespace Picshelf.Tests.Gallery;

/// <summary>The rank of the viral sort: the log of the net votes plus the time of sharing, never recomputed as posts age.</summary>
public sealed class GalleryRankingTests
{
    private const long Noon = 1_780_000_000;

    [Fact]
    public void TenTimesTheNetVotes_IsWorthTwelveAndAHalfHoursOfFreshness()
    {
        var later = Noon + (long)GalleryRanking.SecondsPerDecade;
        Assert.Equal(GalleryRanking.Hot(100, 0, Noon), GalleryRanking.Hot(10, 0, later), 6);
    }

    [Fact]
    public void MoreNetVotes_RankHigher_AndNetDownvotes_RankBelowNone()
    {
        Assert.True(GalleryRanking.Hot(5, 0, Noon) > GalleryRanking.Hot(4, 0, Noon));
        Assert.True(GalleryRanking.Hot(0, 0, Noon) > GalleryRanking.Hot(0, 10, Noon));
        Assert.Equal(GalleryRanking.Hot(0, 0, Noon), GalleryRanking.Hot(1, 0, Noon), 6);
        Assert.Equal(GalleryRanking.Hot(7, 7, Noon), GalleryRanking.Hot(0, 0, Noon), 6);
    }

    [Fact]
    public void ALaterShare_RanksHigher_AtEqualVotes()
    {
        Assert.True(GalleryRanking.Hot(3, 1, Noon + 1) > GalleryRanking.Hot(3, 1, Noon));
    }
}
