using System.Linq.Expressions;

namespace Picshelf.Api;

/// <summary>
/// The <c>sort</c> of Imgur's lists: which values a list allows (<c>newest</c> when none is given) and the order each
/// gives, with a tie-breaker so that pages never overlap or skip.
/// </summary>
public static class ListSort
{
    public const string Newest = "newest";
    public const string Oldest = "oldest";
    public const string Best = "best";
    public const string Worst = "worst";

    /// <summary>The sort asked for, or 400 naming the values this list allows.</summary>
    public static string Parse(string? sort, params string[] allowed)
    {
        var asked = sort ?? Newest;
        return allowed.Contains(asked)
            ? asked
            : throw ApiException.BadRequest($"sort must be {string.Join(", ", allowed[..^1])} or {allowed[^1]}");
    }

    /// <summary>By time for newest and oldest, by score for best and worst; ties by <paramref name="tie"/> as <paramref name="tieDescending"/> says.</summary>
    public static IOrderedQueryable<T> Order<T, TTie>(IQueryable<T> rows, string sort, Expression<Func<T, long>> time, Expression<Func<T, TTie>> tie,
        Expression<Func<T, long>>? score = null, bool tieDescending = false)
    {
        var ordered = sort switch
        {
            Newest => rows.OrderByDescending(time),
            Oldest => rows.OrderBy(time),
            Best => rows.OrderByDescending(score ?? throw new ArgumentNullException(nameof(score))),
            Worst => rows.OrderBy(score ?? throw new ArgumentNullException(nameof(score))),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "not a list sort"),
        };
        return tieDescending && sort is Newest or Best ? ordered.ThenByDescending(tie) : ordered.ThenBy(tie);
    }
}
