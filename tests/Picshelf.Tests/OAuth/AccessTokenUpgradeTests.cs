using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.OAuth;

/// <summary>
/// The upgrade that gave access tokens a table of their own signs nobody out: a token issued before it works after it,
/// until its own expiry, and its refresh token still refreshes. On SQLite here, on PostgreSQL in the scale-out run.
/// </summary>
public sealed class AccessTokenUpgradeTests : IDisposable
{
    private readonly PicshelfApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task ATokenIssuedBeforeTheUpgrade_WorksAfterIt_UntilItsOwnExpiry()
    {
        var (clientId, secret) = ("0123456789abcde", TokenDigest.NewToken());
        var (accessToken, refreshToken, expiredToken) = (TokenDigest.NewToken(), TokenDigest.NewToken(), TokenDigest.NewToken());
        await using (var db = app.OpenDatabaseBeforeStart())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var lastBefore = migrations[migrations.FindIndex(m => m.EndsWith("_AccessTokensPerGrant", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(lastBefore);
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var accountId = await OlderSchema.InsertAccountAsync(db, "upgraded", now);
            db.Clients.Add(new Client { Id = clientId, SecretHash = TokenDigest.Of(secret), Name = "Installed before the upgrade", CreatedAt = now });
            await db.SaveChangesAsync();
            // Grants as the schema before the upgrade held them: each one's only access token in its own columns.
            foreach (var (token, refresh, expiresAt) in new[] { (accessToken, refreshToken, now + 3600), (expiredToken, TokenDigest.NewToken(), now - 60) })
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO access_grants ("ClientId", "AccountId", "AccessTokenHash", "RefreshTokenHash", "AccessTokenExpiresAt", "CreatedAt")
                    VALUES ({clientId}, {accountId}, {TokenDigest.Of(token)}, {TokenDigest.Of(refresh)}, {expiresAt}, {now})
                    """);
            }
        }

        using var installed = app.BearerClient(accessToken);
        using var me = await installed.GetAsync("/3/account/me");
        using var installedLongAgo = app.BearerClient(expiredToken);
        using var expired = await installedLongAgo.GetAsync("/3/account/me");
        using var http = app.CreateClient();
        using var refreshed = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["client_id"] = clientId, ["client_secret"] = secret, ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }));
        using var afterRefresh = await installed.GetAsync("/3/account/me");

        Assert.Equal("upgraded", (await Envelope.DataAsync(me)).GetProperty("url").GetString());
        Assert.Equal("The access token provided is invalid.", await Envelope.ErrorAsync(expired, 403));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(refreshToken, (await Envelope.ReadAsync(refreshed)).GetProperty("refresh_token").GetString());
        Assert.Equal(HttpStatusCode.OK, afterRefresh.StatusCode);
    }
}
