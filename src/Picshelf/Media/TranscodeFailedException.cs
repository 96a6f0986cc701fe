namespace Picshelf.Media;

/// <summary>ffmpeg could not make the video: it failed on the input, or ran past its time limit and was killed.</summary>
public sealed class TranscodeFailedException(string message) : Exception(message);
