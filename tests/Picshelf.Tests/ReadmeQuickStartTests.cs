using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests;

/// <summary>
/// The README's first upload and first token, run as written: each command of its bash blocks goes to bash as it stands,
/// with only what differs on this machine put in (the port, the data folder, the built server for
/// <c>dotnet run --project src/Picshelf --</c>) and the README's sample values (client id, deletehash, code, tokens)
/// replaced by the real ones its earlier commands printed. The browser steps go through the pages with the URL the README
/// gives. So the README cannot drift from what the server does.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed partial class ReadmeQuickStartTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("picshelf-readme-").FullName;
    private readonly Dictionary<string, string> actual = new(StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task TheReadmesFirstUploadAndFirstToken_WorkAsWritten()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(S3Server.RepositoryRoot(), "README.md"));
        var data = Path.Combine(work, "data");
        await File.WriteAllBytesAsync(Path.Combine(work, "photo.jpg"), TestImages.Jpeg(640, 480));
        await using var server = await PicshelfServer.StartAsync(data, []);
        actual["127.0.0.1:5000"] = $"127.0.0.1:{server.Port}";

        foreach (var (command, expected) in Commands(Section(readme, "A first upload")))
        {
            await RunAsync(command, expected, data);
        }
        Assert.True(File.Exists(Path.Combine(work, "thumb.jpg")), "the thumbnail command wrote no thumb.jpg");

        var account = Section(readme, "A first account and its token");
        var commands = Commands(account).ToList();
        foreach (var (command, expected) in commands.Where(c => c.Command.Contains("dotnet run", StringComparison.Ordinal)))
        {
            await RunAsync(command, expected, data);
        }

        // The browser steps: sign up, open the authorize URL the README gives, allow, and land on the callback it says.
        using var browser = new BrowserSession(server.BaseAddress);
        var username = await browser.SignUpAsync();
        var authorize = new Uri(Fill(AuthorizeUrl().Match(account).Value));
        var callback = CallbackInClientsCreate().Match(readme).Groups["callback"].Value;
        var token = await AllowAsync(browser, authorize);
        Assert.StartsWith(callback + "#access_token=", token, StringComparison.Ordinal);
        Assert.Contains($"&account_username={username}&", token, StringComparison.Ordinal);
        Assert.EndsWith("&state=xyz", token, StringComparison.Ordinal);
        var code = await AllowAsync(browser, new Uri(authorize.OriginalString.Replace("response_type=token", "response_type=code", StringComparison.Ordinal)));
        Assert.StartsWith(callback + "?code=", code, StringComparison.Ordinal);
        actual["CODE"] = QueryValue(code, "code");

        foreach (var (command, expected) in commands.Where(c => c.Command.StartsWith("curl", StringComparison.Ordinal)))
        {
            await RunAsync(command, expected, data);
        }
    }

    /// <summary>Runs one README command with this machine's values put in, checks its answer, and learns its values.</summary>
    private async Task RunAsync(string command, string? expected, string data)
    {
        var line = Fill(command);
        if (line.StartsWith("dotnet run --project src/Picshelf --", StringComparison.Ordinal))
        {
            line = $"dotnet \"{PicshelfProcess.Executable}\"" + line["dotnet run --project src/Picshelf --".Length..] + $" --data \"{data}\"";
        }
        var (exitCode, output, errors) = await BashAsync(line);
        Assert.True(exitCode == 0, $"{command}\nexited {exitCode}: {errors}");
        if (!output.StartsWith('{'))
        {
            return;
        }
        var answer = JsonDocument.Parse(output).RootElement;
        if (answer.TryGetProperty("success", out var success))
        {
            Assert.True(success.GetBoolean(), $"{command}\nanswered {output}");
        }
        foreach (var key in new[] { "client_secret", "access_token", "refresh_token" })
        {
            if (answer.TryGetProperty(key, out var value))
            {
                actual[key switch { "client_secret" => "SECRET", "access_token" => "ACCESS", _ => "REFRESH" }] = value.GetString()!;
            }
        }
        if (expected is null)
        {
            return;
        }
        // The README's sample answer: every key it shows is in the real one, and each sample value stands for the real one.
        var fields = answer.TryGetProperty("data", out var inner) ? inner : answer;
        foreach (Match sample in SampleField().Matches(expected))
        {
            var key = sample.Groups["key"].Value;
            if (key is "data" or "success" or "status")
            {
                continue;
            }
            Assert.True(fields.TryGetProperty(key, out var real), $"{command}\nanswered without \"{key}\": {output}");
            if (sample.Groups["value"].Success && sample.Groups["value"].Value != "…" && real.ValueKind == JsonValueKind.String)
            {
                actual[sample.Groups["value"].Value] = real.GetString()!;
            }
        }
    }

    private async Task<(int ExitCode, string Output, string Errors)> BashAsync(string line)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(line);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, (await output).Trim(), await errors);
    }

    /// <summary>Allows the application on the authorize page and returns where the browser is sent.</summary>
    private static async Task<string> AllowAsync(BrowserSession browser, Uri authorize)
    {
        using (var page = await browser.GetAsync(authorize.PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using var allowed = await browser.SubmitAsync("/oauth2/authorize", ("client_id", QueryValue(authorize.Query, "client_id")),
            ("response_type", QueryValue(authorize.Query, "response_type")), ("state", QueryValue(authorize.Query, "state")), ("decision", "allow"));
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        return allowed.Headers.Location!.OriginalString;
    }

    private string Fill(string text) =>
        actual.OrderByDescending(pair => pair.Key.Length).Aggregate(text, (filled, pair) => filled.Replace(pair.Key, pair.Value, StringComparison.Ordinal));

    private static string QueryValue(string query, string name) =>
        Regex.Match(query, $"[?&#]{name}=([^&]*)") is { Success: true } match ? Uri.UnescapeDataString(match.Groups[1].Value)
            : throw new InvalidOperationException($"No {name} in {query}");

    /// <summary>The text of a README section, from its heading to the next one.</summary>
    private static string Section(string readme, string heading)
    {
        var start = readme.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The README has no section \"{heading}\"");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }

    /// <summary>The commands of a section's bash blocks, continuation lines joined, each with the sample answer shown under it.</summary>
    private static IEnumerable<(string Command, string? Expected)> Commands(string section)
    {
        foreach (Match block in BashBlock().Matches(section))
        {
            var lines = block.Groups["body"].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith('#'))
                {
                    continue;
                }
                var expected = i + 1 < lines.Length && lines[i + 1].StartsWith("# {", StringComparison.Ordinal) ? lines[i + 1][2..] : null;
                yield return (TrailingComment().Replace(lines[i], ""), expected);
            }
        }
    }

    [GeneratedRegex(@"```bash\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex TrailingComment();

    [GeneratedRegex("\"(?<key>[a-z_]+)\":(?:\"(?<value>[^\"]*)\")?")]
    private static partial Regex SampleField();

    [GeneratedRegex(@"http://127\.0\.0\.1:5000/oauth2/authorize\?[^`\s]+")]
    private static partial Regex AuthorizeUrl();

    [GeneratedRegex(@"clients create [^\n]*--redirect-uri (?<callback>\S+)")]
    private static partial Regex CallbackInClientsCreate();
}
