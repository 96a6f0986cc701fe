namespace Picshelf.Media;

/// <summary>What ffprobe read from a whole video file (<see cref="VideoTranscoder.ProbeAsync"/>).</summary>
/// <param name="Duration">Seconds, from the container or else its longest stream; null when neither says.</param>
/// <param name="VideoTracks">Video streams; only the first is kept.</param>
/// <param name="AudioTracks">Audio streams; only the first is kept.</param>
/// <param name="Truncated">A video stream's index lists more frames than the file holds: the file was cut short.</param>
/// <param name="FitsMp4">The first video is H.264 in yuv420p and the first audio, if any, AAC: remuxed into the MP4, not encoded again.</param>
public sealed record VideoProbe(double? Duration, int VideoTracks, int AudioTracks, int Width, int Height, bool Truncated, bool FitsMp4);
