using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.Tests.Infrastructure;

/// <summary>Rows laid down in a database migrated to an older schema, which the entities (with the columns added since) cannot insert.</summary>
public static class OlderSchema
{
    /// <summary>An account with the columns every schema since the first release holds; returns its id.</summary>
    public static async Task<int> InsertAccountAsync(PicshelfDb db, string username, long createdAt)
    {
        var (normalized, email, no, yes) = (username.ToUpperInvariant(), $"{username}@example.com", false, true);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO accounts ("Username", "NormalizedUsername", "Email", "PasswordHash", "CreatedAt", "PublicImages", "MessagingEnabled",
                "AlbumPrivacy", "AcceptedGalleryTerms", "ShowMature", "NewsletterSubscribed")
            VALUES ({username}, {normalized}, {email}, '-', {createdAt}, {no}, {yes}, 'hidden', {no}, {no}, {no})
            """);
        return await db.Accounts.Where(a => a.NormalizedUsername == normalized).Select(a => a.Id).SingleAsync();
    }

    /// <summary>An image row with the columns of the first schema.</summary>
    public static async Task InsertImageAsync(PicshelfDb db, string id, int? accountId, string clientId, string type, bool animated, long createdAt)
    {
        var deleteHash = global::Picshelf.Api.IdGenerator.NewDeleteHash();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO images ("Id", "DeleteHash", "AccountId", "ClientId", "Name", "Type", "Animated", "Width", "Height", "Size", "Views", "Bandwidth", "CreatedAt")
            VALUES ({id}, {deleteHash}, {accountId}, {clientId}, '', {type}, {animated}, 1, 1, 68, 0, 0, {createdAt})
            """);
    }
}
