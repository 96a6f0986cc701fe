namespace Picshelf.Media;

/// <summary>ffmpeg could not make the video: it failed on the input, or ran past its time limit and was killed.</summary>
/// <param name="unavailable">ffmpeg or ffprobe could not be started at all: this server cannot handle video.</param>
public sealed class TranscodeFailedException(string message, bool unavailable = false) : Exception(message)
{
    public bool Unavailable { get; } = unavailable;
}
