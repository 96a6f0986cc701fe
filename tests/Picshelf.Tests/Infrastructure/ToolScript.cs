using System.Runtime.Versioning;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// A stand-in for one of the tools the server runs (ffmpeg, ffprobe): a shell script in a folder of its own, which
/// goes with it. The script may test <see cref="Switch"/>, a file the test removes to change what it does midway.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ToolScript : IDisposable
{
    private ToolScript(string folder, string name)
    {
        Folder = folder;
        Path = System.IO.Path.Combine(folder, name);
    }

    public string Folder { get; }

    public string Path { get; }

    public string Switch => System.IO.Path.Combine(Folder, "switch");

    /// <param name="commands">The script after its <c>#!/bin/sh</c> line, given the script (for its <see cref="Switch"/>).</param>
    public static async Task<ToolScript> CreateAsync(string name, Func<ToolScript, string> commands, bool switchedOn = false)
    {
        var script = new ToolScript(Directory.CreateTempSubdirectory($"picshelf-{name}-").FullName, name);
        await File.WriteAllTextAsync(script.Path, "#!/bin/sh\n" + commands(script) + "\n");
        File.SetUnixFileMode(script.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (switchedOn)
        {
            await File.WriteAllTextAsync(script.Switch, "");
        }
        return script;
    }

    public void SwitchOff() => File.Delete(Switch);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
