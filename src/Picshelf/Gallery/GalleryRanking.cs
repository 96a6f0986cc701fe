namespace Picshelf.Gallery;

/// <summary>
/// How gallery posts rank. <see cref="Hot"/> is the order of the <c>viral</c> sort: the logarithm of the net votes plus
/// the time of sharing, so ten times the votes is worth <see cref="SecondsPerDecade"/> of freshness. Neither part
/// changes as a post ages, so the score is written only when a vote changes it, never recomputed for the whole table.
/// </summary>
public static class GalleryRanking
{
    /// <summary>12.5 hours: a post needs ten times the net votes to stay level with one shared that much later.</summary>
    public const double SecondsPerDecade = 45_000;

    /// <summary>2026-01-01T00:00:00Z, so scores stay small numbers.</summary>
    private const long Epoch = 1_767_225_600;

    public static double Hot(int ups, int downs, long sharedAt)
    {
        var net = ups - downs;
        var order = Math.Log10(Math.Max(Math.Abs(net), 1));
        return Math.Round(Math.Sign(net) * order + (sharedAt - Epoch) / SecondsPerDecade, 7);
    }

    /// <summary>
    /// The lowest <see cref="Hot"/> a post shared at or after <paramref name="sharedSince"/> can have, when the lowest net
    /// votes of any post is <paramref name="lowestNet"/>: only down votes pull a score below its time. A little is taken
    /// off for the rounding in <see cref="Hot"/>.
    /// </summary>
    public static double HotFloor(long sharedSince, int lowestNet) =>
        (sharedSince - Epoch) / SecondsPerDecade - Math.Log10(Math.Max(-(long)lowestNet, 1)) - 1e-6;
}
