using Microsoft.EntityFrameworkCore;
using Picshelf.Api;

namespace Picshelf.Gallery;

/// <summary>A vote row: on a gallery post, or on a comment (which votes the same way).</summary>
public interface IVote
{
    /// <summary>True for up, false for down.</summary>
    bool Up { get; set; }
    long CreatedAt { get; set; }
}

/// <summary>
/// One vote per account and thing voted on: <c>up</c> or <c>down</c> replaces the account's vote, <c>veto</c> withdraws it.
/// The caller holds the lock of what is voted on, so the tallies it moves by <see cref="Delta"/> stay exact.
/// </summary>
public static class Votes
{
    /// <summary>True for up, false for down, null for veto.</summary>
    public static bool? Parse(string vote) => vote switch
    {
        "up" => true,
        "down" => false,
        "veto" => null,
        _ => throw ApiException.BadRequest("The vote must be up, down or veto"),
    };

    /// <summary>How the tallies move when an account's vote goes from <paramref name="previous"/> to <paramref name="next"/>.</summary>
    public static (int Ups, int Downs) Delta(bool? previous, bool? next) =>
        ((next == true ? 1 : 0) - (previous == true ? 1 : 0), (next == false ? 1 : 0) - (previous == false ? 1 : 0));

    /// <summary>Writes the account's new vote over its previous one (null when it had none), to be saved with the tallies.</summary>
    public static void Record<TVote>(DbSet<TVote> votes, TVote? previous, bool? next, Func<bool, TVote> create, long now) where TVote : class, IVote
    {
        switch (previous, next)
        {
            case (null, { } first):
                var vote = create(first);
                vote.CreatedAt = now;
                votes.Add(vote);
                break;
            case (not null, { } changed):
                previous.Up = changed;
                previous.CreatedAt = now;
                break;
            case (not null, null):
                votes.Remove(previous);
                break;
        }
    }
}
