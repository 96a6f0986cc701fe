using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// Picshelf listening on a real port and headless Chromium (Debian's, which the test command installs) driven by
/// Playwright against it. Every page it opens reports what a person would see go wrong into <see cref="Problems"/>: a
/// console error or warning, a script error, a dialog, a Content-Security-Policy violation (Chromium logs one to the
/// console; the standard's event catches one it might not), and what <see cref="AuditAccessibilityAsync"/> finds. A test
/// ends with <see cref="AssertNoProblems"/>.
/// </summary>
public sealed class ChromiumSite : IAsyncDisposable
{
    /// <summary>The rest of the suite runs beside a browser test on two cores: a page can take longer than Playwright's 30 s default.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The environment variable naming a folder for screenshots (<c>docs/screenshots.sh</c> sets it); unset, none are taken.</summary>
    public const string ScreenshotsVariable = "PICSHELF_SCREENSHOTS";

    private static readonly string[] ChromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private static readonly string[] ChromiumArguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright playwright;

    private ChromiumSite(PicshelfApp app, string address, IPlaywright playwright, IBrowser browser)
    {
        App = app;
        Address = address;
        this.playwright = playwright;
        Browser = browser;
    }

    public PicshelfApp App { get; }

    /// <summary>The site's address, as <c>http://127.0.0.1:port</c>.</summary>
    public string Address { get; }

    public IBrowser Browser { get; }

    public List<string> Problems { get; } = [];

    /// <summary>Fails with every problem in full (xUnit's collection message would cut them short).</summary>
    public void AssertNoProblems() => Assert.True(Problems.Count == 0, string.Join(Environment.NewLine, Problems));

    /// <param name="configure">Settings for the server before it starts (<see cref="PicshelfApp.With"/>).</param>
    public static async Task<ChromiumSite> StartAsync(Action<PicshelfApp>? configure = null)
    {
        var app = new PicshelfApp().With("urls", "http://127.0.0.1:0");
        configure?.Invoke(app);
        app.UseKestrel();
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var playwright = await Playwright.CreateAsync();
        var chromium = ChromiumPaths.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: run ./test.sh, which installs it, or apt-get install chromium");
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium, Headless = true, Args = ChromiumArguments, Timeout = (float)Timeout.TotalMilliseconds,
        });
        return new ChromiumSite(app, address, playwright, browser);
    }

    /// <summary>A page in a browser context of its own (its own cookies: one person), watched for problems.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Problems.Add($"{page.Url}: console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Problems.Add($"{page.Url}: script error: {error}");
        page.Dialog += (_, dialog) => Problems.Add($"{page.Url}: a script opened a dialog: {dialog.Message}");
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        return page;
    }

    /// <summary>Waits until the address is the one given; polled, since waiting for a navigation hangs when a click has already made it.</summary>
    public static Task ExpectAddressAsync(IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = (float)Timeout.TotalMilliseconds });

    /// <summary>Waits until every picture on the page has loaded, bringing each into view first as a reader scrolling would (they load lazily).</summary>
    public static async Task ExpectPicturesLoadedAsync(IPage page)
    {
        var pictures = page.Locator("img");
        for (var i = 0; i < await pictures.CountAsync(); i++)
        {
            await pictures.Nth(i).ScrollIntoViewIfNeededAsync();
        }
        await page.WaitForFunctionAsync("() => [...document.images].every(image => image.complete && image.naturalWidth > 0)");
    }

    /// <summary>
    /// Checks the page against the WCAG 2 A and AA rules with axe-core (labels, names, alt text, colour contrast,
    /// landmarks, …) and adds each violation to <see cref="Problems"/>. axe-core is installed by the test command in
    /// .ci/axe; it runs through Playwright's evaluation, which the page's Content-Security-Policy does not govern, and
    /// leaves the page as it was.
    /// </summary>
    public async Task AuditAccessibilityAsync(IPage page)
    {
        await page.EvaluateAsync(await AxeSource.Value);
        var violations = await page.EvaluateAsync<string[]>(
            """
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
                .map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')
            """);
        Problems.AddRange(violations.Select(violation => $"{page.Url}: accessibility: {violation}"));
    }

    private static readonly Lazy<Task<string>> AxeSource = new(() =>
    {
        var axe = Path.Combine(S3Server.RepositoryRoot(), ".ci", "axe", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(axe)
            ? File.ReadAllTextAsync(axe)
            : throw new InvalidOperationException($"axe-core is not installed at {axe}: run ./test.sh, or npm ci in .ci/axe");
    });

    /// <summary>
    /// Saves the page as <c>NAME.png</c> in the folder <see cref="ScreenshotsVariable"/> names: the README's pictures
    /// are taken by the tests that prove the pages work. Without the variable, nothing is written.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) is not { Length: > 0 } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await App.DisposeAsync();
    }
}
