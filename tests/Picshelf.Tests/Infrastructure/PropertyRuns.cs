using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// Runs a CsCheck property for a few hundred cases in the suite, or for <c>PICSHELF_FUZZ_SECONDS</c> each when
/// bench/fuzz.sh runs them for minutes. Cases run one at a time, so a property can compare the rows and files
/// before and after its own request. A failure carries CsCheck's seed; <c>CsCheck_Seed</c> replays it. On the
/// scale-out backend a case costs about three times as much (listing S3, PostgreSQL round trips) and the parsers are
/// the same code, so it runs a third of the cases.
/// </summary>
public static class PropertyRuns
{
    public static async Task CheckAsync<T>(this Gen<T> gen, string property, int casesInSuite, ITestOutputHelper output, Func<T, Task> assert, Func<T, string>? print = null)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("PICSHELF_FUZZ_SECONDS"), out var budget) && budget > 0 ? budget : -1;
        var clock = Stopwatch.StartNew();
        var cases = TestBackend.IsScaleOut ? casesInSuite / 3 : casesInSuite;
        await gen.SampleAsync(assert, writeLine: line => output.WriteLine($"{property}: {line}"), iter: cases, time: seconds, threads: 1, print: print);
        output.WriteLine($"{property}: {clock.Elapsed.TotalSeconds:F1} s");
    }
}
