using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Accounts;

public sealed partial class EmailVerificationTests(SmtpSink smtp) : IAsyncLifetime, IClassFixture<SmtpSink>
{
    private readonly FakeTimeProvider clock = new(FixedClockApp.Now);
    private PicshelfApp app = null!;

    public Task InitializeAsync()
    {
        app = new PicshelfApp().With(Smtp(smtp)).With("Web:PublicBaseUrl", "https://img.example.com/").With("Mail:VerificationsPerAccount", "2")
            .With("Mail:VerificationsPerAddress", "3").WithClock(clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    public static Dictionary<string, string?> Smtp(SmtpSink smtp) => new()
    {
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
    };

    private static string LinkIn(MimeMessage message) =>
        VerificationLink().Match(message.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException(message.TextBody);

    [GeneratedRegex(@"https://img\.example\.com/account/verifyemail\?token=\S+")]
    private static partial Regex VerificationLink();

    [Fact]
    public async Task VerificationMail_IsSentThroughSmtp_AndItsLinkVerifiesTheAddress()
    {
        var user = await app.SignedInClientAsync();
        using (var before = await user.Http.GetAsync("/3/account/me/verifyemail"))
        {
            Assert.False((await Envelope.DataAsync(before)).GetBoolean());
        }

        using var sent = await user.Http.PostAsync("/3/account/me/verifyemail", null);
        var message = await smtp.WaitForMessageToAsync($"{user.Username}@example.com");
        using var browser = new BrowserSession(app);
        using var page = await browser.GetAsync(new Uri(LinkIn(message)).PathAndQuery);
        using var after = await user.Http.GetAsync("/3/account/me/verifyemail");
        using var again = await user.Http.PostAsync("/3/account/me/verifyemail", null);
        using var settings = await user.Http.GetAsync("/3/account/me/settings");

        Assert.True((await Envelope.DataAsync(sent)).GetBoolean());
        Assert.Equal("Verify your e-mail address for Picshelf", message.Subject);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("your e-mail address is verified", browser.LastPage, StringComparison.Ordinal);
        Assert.True((await Envelope.DataAsync(after)).GetBoolean());
        Assert.Equal("User Previously Verified", await Envelope.ErrorAsync(again, 400));
        Assert.Equal($"{user.Username}@example.com", (await Envelope.DataAsync(settings)).GetProperty("active_emails")[0].GetString());
    }

    [Fact]
    public async Task AlteredOrExpiredLinks_VerifyNothing()
    {
        var user = await app.SignedInClientAsync();
        using (await user.Http.PostAsync("/3/account/me/verifyemail", null))
        {
        }
        var link = new Uri(LinkIn(await smtp.WaitForMessageToAsync($"{user.Username}@example.com"))).PathAndQuery;
        using var browser = new BrowserSession(app);

        using var altered = await browser.GetAsync(link[..^3] + "abc");
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        using var expired = await browser.GetAsync(link);
        using var state = await user.Http.GetAsync("/3/account/me/verifyemail");

        Assert.Equal(HttpStatusCode.BadRequest, altered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("This link cannot be used", browser.LastPage, StringComparison.Ordinal);
        Assert.False((await Envelope.DataAsync(state)).GetBoolean());
    }

    [Fact]
    public async Task AForgedHostHeader_NeverReachesTheMail()
    {
        var user = await app.SignedInClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/3/account/me/verifyemail");
        request.Headers.Host = "evil.example";

        using var sent = await user.Http.SendAsync(request);
        var message = await smtp.WaitForMessageToAsync($"{user.Username}@example.com");

        Assert.True((await Envelope.DataAsync(sent)).GetBoolean());
        Assert.StartsWith("https://img.example.com/account/verifyemail?token=", LinkIn(message), StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", message.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task VerificationMails_AreThrottledPerAccount_AndPerAddress_WithRetryAfter()
    {
        var first = await app.SignedInClientAsync();
        var second = await app.SignedInClientAsync();
        async Task<HttpResponseMessage> AskAsync(SignedInClient user) => await user.Http.PostAsync("/3/account/me/verifyemail", null);

        using var firstAtLimit1 = await AskAsync(first);
        using var firstAtLimit2 = await AskAsync(first);
        using var firstPastLimit = await AskAsync(first);
        using var secondAtAddressLimit = await AskAsync(second);
        using var secondPastAddressLimit = await AskAsync(second);
        await smtp.WaitForMessageToAsync($"{second.Username}@example.com");
        clock.Advance(TimeSpan.FromHours(1));
        using var nextWindow = await AskAsync(first);

        Assert.True((await Envelope.DataAsync(firstAtLimit1)).GetBoolean());
        Assert.True((await Envelope.DataAsync(firstAtLimit2)).GetBoolean());
        Assert.StartsWith("Too many verification mails", await Envelope.ErrorAsync(firstPastLimit, 429), StringComparison.Ordinal);
        Assert.InRange(firstPastLimit.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.True((await Envelope.DataAsync(secondAtAddressLimit)).GetBoolean());
        Assert.StartsWith("Too many verification mails", await Envelope.ErrorAsync(secondPastAddressLimit, 429), StringComparison.Ordinal);
        Assert.True((await Envelope.DataAsync(nextWindow)).GetBoolean());
        Assert.Equal(3, smtp.Messages.Count(m => m.To.Mailboxes.Any(b => b.Address == $"{first.Username}@example.com")));
        Assert.Single(smtp.Messages, m => m.To.Mailboxes.Any(b => b.Address == $"{second.Username}@example.com"));
    }

    [Fact]
    public async Task AnAddress_VerifiesOneAccountAtMost_WhateverItsCase()
    {
        var first = await app.SignedInClientAsync();
        var second = await app.SignedInClientAsync();
        var shared = $"{first.Username}@example.com";
        var sharedAloud = shared.ToUpperInvariant();
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == second.Username).ExecuteUpdateAsync(set => set.SetProperty(a => a.Email, sharedAloud)));
        using var firstSent = await first.Http.PostAsync("/3/account/me/verifyemail", null);
        using var secondSent = await second.Http.PostAsync("/3/account/me/verifyemail", null);
        var firstLink = new Uri(LinkIn(await smtp.WaitForMessageToAsync(shared))).PathAndQuery;
        var secondLink = new Uri(LinkIn(await smtp.WaitForMessageToAsync(sharedAloud))).PathAndQuery;
        using var browser = new BrowserSession(app);

        using var firstPage = await browser.GetAsync(firstLink);
        using var secondPage = await browser.GetAsync(secondLink);
        var secondPageText = browser.LastPage;
        using var secondAgain = await second.Http.PostAsync("/3/account/me/verifyemail", null);
        using var secondState = await second.Http.GetAsync("/3/account/me/verifyemail");

        Assert.Equal(HttpStatusCode.OK, firstPage.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondPage.StatusCode);
        Assert.Contains("already verifies another account", secondPageText, StringComparison.Ordinal);
        Assert.Contains("already verifies another account", await Envelope.ErrorAsync(secondAgain, 409), StringComparison.Ordinal);
        Assert.False((await Envelope.DataAsync(secondState)).GetBoolean());
    }

    [Fact]
    public async Task SomeoneElsesVerification_Is403()
    {
        var user = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();

        using var send = await other.Http.PostAsync($"/3/account/{user.Username}/verifyemail", null);
        using var read = await other.Http.GetAsync($"/3/account/{user.Username}/verifyemail");

        await Envelope.ErrorAsync(send, 403);
        await Envelope.ErrorAsync(read, 403);
        Assert.DoesNotContain(smtp.Messages, m => m.To.Mailboxes.Any(b => b.Address == $"{user.Username}@example.com"));
    }
}

public sealed class EmailWithoutSmtpTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task WithoutSmtp_TheMailIsWrittenToTheLog_AndTheRouteStillWorks()
    {
        var user = await app.SignedInClientAsync();

        using var sent = await user.Http.PostAsync("/3/account/me/verifyemail", null);

        Assert.True((await Envelope.DataAsync(sent)).GetBoolean());
        Assert.Contains(app.Logs.Lines, line => line.Contains("No SMTP server is configured", StringComparison.Ordinal)
            && line.Contains("/account/verifyemail?token=", StringComparison.Ordinal) && !line.Contains("localhost", StringComparison.Ordinal));
    }
}

public sealed class EmailWithoutPublicBaseUrlTests(SmtpSink smtp) : IClassFixture<SmtpSink>, IAsyncLifetime
{
    private readonly PicshelfApp app = new PicshelfApp().With(EmailVerificationTests.Smtp(smtp));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task WithSmtpButNoPublicBaseUrl_MailIsRefused_AtStartAndOnUse()
    {
        var user = await app.SignedInClientAsync();

        using var sent = await user.Http.PostAsync("/3/account/me/verifyemail", null);

        Assert.Equal(Picshelf.Accounts.MailSender.NoPublicBaseUrl, await Envelope.ErrorAsync(sent, 503));
        Assert.Contains(app.Logs.Lines, line => line.Contains(Picshelf.Accounts.MailSender.NoPublicBaseUrl, StringComparison.Ordinal));
        Assert.Empty(smtp.Messages);
    }
}
