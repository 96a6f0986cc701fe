using System.Text.Json;
using Microsoft.Data.Sqlite;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.CommandLine;

[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class ClientLimitsCommandTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-cli-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private async Task<string> CreateClientAsync()
    {
        var created = await PicshelfProcess.RunAsync("clients", "create", "--name", "app", "--data", data);
        using var json = JsonDocument.Parse(created.Stdout);
        return json.RootElement.GetProperty("client_id").GetString()!;
    }

    [Fact]
    public async Task Limits_RaisesOneApplicationsLimits_AndDefaultsRestoresTheConfiguredOnes()
    {
        var clientId = await CreateClientAsync();

        var raised = (await PicshelfProcess.RunAsync("clients", "limits", "--client-id", clientId, "--credits-per-day", "100000",
            "--user-credits-per-hour", "2000", "--commercial", "true", "--data", data)).Json();
        var partly = (await PicshelfProcess.RunAsync("clients", "limits", "--client-id", clientId, "--defaults", "--user-credits-per-hour", "10",
            "--data", data, "--RateLimits:CreditsPerDay=777")).Json();

        Assert.Equal(["client_id", "credits_per_day", "user_credits_per_hour", "commercial", "blocked_until"],
            raised.EnumerateObject().Select(p => p.Name));
        Assert.Equal(100_000, raised.GetProperty("credits_per_day").GetInt32());
        Assert.Equal(2_000, raised.GetProperty("user_credits_per_hour").GetInt32());
        Assert.True(raised.GetProperty("commercial").GetBoolean());
        Assert.Equal(777, partly.GetProperty("credits_per_day").GetInt32());
        Assert.Equal(10, partly.GetProperty("user_credits_per_hour").GetInt32());
        Assert.False(partly.GetProperty("commercial").GetBoolean());
    }

    [Theory]
    [InlineData("--credits-per-day", "-5", "cannot be negative")]
    [InlineData("--credits-per-day", "many", "many")]
    public async Task Limits_RefusesBadValues(string option, string value, string expected)
    {
        var clientId = await CreateClientAsync();
        var result = await PicshelfProcess.RunAsync("clients", "limits", "--client-id", clientId, option, value, "--data", data);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LimitsAndUnblock_OfAnUnknownApplication_Fail()
    {
        var limits = await PicshelfProcess.RunAsync("clients", "limits", "--client-id", "nosuchclient", "--credits-per-day", "1", "--data", data);
        var unblock = await PicshelfProcess.RunAsync("clients", "unblock", "--client-id", "nosuchclient", "--data", data);

        Assert.Equal(1, limits.ExitCode);
        Assert.Contains("No application has the client_id nosuchclient", limits.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, unblock.ExitCode);
    }

    [Fact]
    public async Task Unblock_LiftsTheBlockAndForgetsThisMonthsHits()
    {
        var clientId = await CreateClientAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "picshelf.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            var block = connection.CreateCommand();
            block.CommandText = "UPDATE clients SET BlockedUntil = $until WHERE Id = $id; INSERT INTO daily_limit_hits (ClientId, Day) VALUES ($id, $day)";
            block.Parameters.AddWithValue("$until", DateTimeOffset.UtcNow.AddDays(3).ToUnixTimeSeconds());
            block.Parameters.AddWithValue("$id", clientId);
            block.Parameters.AddWithValue("$day", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await block.ExecuteNonQueryAsync();
        }

        var lifted = (await PicshelfProcess.RunAsync("clients", "unblock", "--client-id", clientId, "--data", data)).Json();

        Assert.Equal(JsonValueKind.Null, lifted.GetProperty("blocked_until").ValueKind);
        await using var check = new SqliteConnection($"Data Source={Path.Combine(data, "picshelf.db")};Pooling=false");
        await check.OpenAsync();
        var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM daily_limit_hits";
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
