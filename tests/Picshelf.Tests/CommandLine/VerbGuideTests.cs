using System.Text.RegularExpressions;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.CommandLine;

/// <summary>
/// docs/operations.md lists every verb the command line has, each with every option its <c>--help</c> shows, so the guide
/// cannot fall behind the verbs (as <c>gc --force</c> once did).
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed partial class VerbGuideTests
{
    [Fact]
    public async Task EveryVerbAndEachOfItsOptions_IsInTheOperatorsGuide()
    {
        var guide = await File.ReadAllLinesAsync(Path.Combine(S3Server.RepositoryRoot(), "docs", "operations.md"));
        var rows = guide.Where(line => line.StartsWith("| `", StringComparison.Ordinal)).ToList();
        var missing = new List<string>();
        await foreach (var (verb, options) in VerbsAsync([]))
        {
            var row = rows.FirstOrDefault(line => line.Contains($"`{verb} ", StringComparison.Ordinal) || line.Contains($"`{verb}`", StringComparison.Ordinal));
            if (row is null)
            {
                missing.Add($"the verb {verb}");
                continue;
            }
            missing.AddRange(options.Where(option => !row.Contains(option + " ", StringComparison.Ordinal) && !row.Contains(option + "`", StringComparison.Ordinal)
                    && !row.Contains(option + "]", StringComparison.Ordinal))
                .Select(option => $"{verb} {option}"));
        }
        Assert.True(missing.Count == 0, "docs/operations.md does not list: " + string.Join(", ", missing));
    }

    /// <summary>Every verb that does something (a command without subcommands), with the options its help lists.</summary>
    private static async IAsyncEnumerable<(string Verb, List<string> Options)> VerbsAsync(string[] path)
    {
        var help = await PicshelfProcess.RunAsync([.. path, "--help"]);
        Assert.True(help.ExitCode == 0, help.Stderr);
        var commands = Section(help.Stdout, "Commands").Select(line => line.Split(' ', 2)[0]).ToList();
        if (commands.Count == 0 || path is ["serve"])
        {
            // --data is every verb's, said once above the table; help is the command line's own.
            var options = Section(help.Stdout, "Options").Select(line => OptionName().Match(line).Value)
                .Where(option => option.Length > 0 && option is not ("--data" or "--help" or "--version")).ToList();
            yield return (string.Join(' ', path), options);
            yield break;
        }
        foreach (var command in commands)
        {
            await foreach (var verb in VerbsAsync([.. path, command]))
            {
                yield return verb;
            }
        }
    }

    /// <summary>The entries of a help section, one per line, without their indentation.</summary>
    private static IEnumerable<string> Section(string help, string name) =>
        Regex.Match(help, $@"(?ms)^{name}:\n(?<body>.*?)(?:\n\n|\z)").Groups["body"].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim());

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex OptionName();
}
