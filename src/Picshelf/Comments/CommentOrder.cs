using Picshelf.Api;

namespace Picshelf.Comments;

/// <summary>
/// How each level of a thread is sorted. <c>best</c> by the lower bound of the 95 % Wilson score interval of the share
/// of up votes, so a comment with 40 of 50 votes up ranks above one with its single vote up; <c>top</c> by points;
/// <c>new</c> newest first. Ties go to the newer comment.
/// </summary>
public enum CommentOrder
{
    Best,
    Top,
    New,
}

public static class CommentOrders
{
    public static CommentOrder Parse(string? sort) => sort switch
    {
        null or "" or "best" => CommentOrder.Best,
        "top" => CommentOrder.Top,
        "new" => CommentOrder.New,
        _ => throw ApiException.BadRequest("Comments sort by best, top or new"),
    };

    /// <summary>Positions in <paramref name="comments"/>, in the order.</summary>
    public static int[] Sort(this int[] positions, Comment[] comments, CommentOrder order) =>
        [.. (order switch
        {
            CommentOrder.Best => positions.OrderByDescending(i => WilsonLowerBound(comments[i].Ups, comments[i].Downs)).ThenByDescending(i => comments[i].Ups - comments[i].Downs),
            CommentOrder.Top => positions.OrderByDescending(i => comments[i].Ups - comments[i].Downs),
            _ => positions.OrderByDescending(i => comments[i].CreatedAt),
        }).ThenByDescending(i => comments[i].CreatedAt).ThenByDescending(i => comments[i].Id)];

    /// <summary>The lower bound of the Wilson score interval at 95 % confidence (z = 1.96); 0 with no votes.</summary>
    public static double WilsonLowerBound(int ups, int downs)
    {
        var n = ups + downs;
        if (n <= 0)
        {
            return 0;
        }
        const double z = 1.96;
        var p = (double)ups / n;
        return (p + z * z / (2 * n) - z * Math.Sqrt((p * (1 - p) + z * z / (4 * n)) / n)) / (1 + z * z / n);
    }
}
