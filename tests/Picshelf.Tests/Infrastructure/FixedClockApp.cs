namespace Picshelf.Tests.Infrastructure;

/// <summary>A server whose clock stands still in the middle of an hour, so credit numbers do not depend on when tests run.</summary>
public class FixedClockApp : PicshelfApp
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 20, 0, TimeSpan.Zero);

    public FixedClockApp() => WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
}
