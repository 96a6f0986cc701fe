using Microsoft.EntityFrameworkCore;

namespace Picshelf.Api;

/// <summary>
/// Who may change an image or an album: whoever presents its deletehash, or its owner by id. An anonymous one
/// has no owner, so by id it is 403: it is managed through its deletehash only. One check for every write route
/// of both, so the authed and the deletehash variants cannot drift apart.
/// </summary>
public static class DeleteHashAccess
{
    /// <param name="notFound">The item kind's 404.</param>
    /// <param name="anonymous">The 403 message for an anonymous item addressed by id.</param>
    /// <param name="notOwner">The 403 message for someone else's item.</param>
    public static async Task<T> ForWriteAsync<T>(IQueryable<T> items, Caller caller, string idOrDeleteHash, Func<string, ApiException> notFound,
        string anonymous, string notOwner, CancellationToken cancellationToken) where T : class, IManagedByDeleteHash
    {
        if (!IdGenerator.IsWellFormed(idOrDeleteHash))
        {
            throw notFound(idOrDeleteHash);
        }
        if (idOrDeleteHash.Length == IdGenerator.DeleteHashLength
            && await items.AsNoTracking().SingleOrDefaultAsync(i => i.DeleteHash == idOrDeleteHash, cancellationToken) is { } byDeleteHash)
        {
            return byDeleteHash;
        }
        var item = await items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == idOrDeleteHash, cancellationToken) ?? throw notFound(idOrDeleteHash);
        if (item.AccountId is null)
        {
            throw ApiException.Forbidden(anonymous);
        }
        return item.AccountId == caller.AccountId ? item : throw ApiException.Forbidden(notOwner);
    }
}
