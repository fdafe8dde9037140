namespace Quayside.Engine.Logs;

public enum LogStream : byte
{
    Stdout = 1,
    Stderr = 2,
}

/// <summary>One log line of one container (<see cref="Source"/> indexes the containers read together).</summary>
/// <param name="Timestamp">The engine's RFC 3339 time with nine fraction digits, so ordinal order is time order; null when not asked for.</param>
/// <param name="Text">At most <see cref="LogLineSplitter.MaxLineBytes"/> bytes of the line as UTF-8.</param>
/// <param name="DroppedBytes">How many bytes of a longer line were left out after <paramref name="Text"/>; 0 for a whole line.</param>
public readonly record struct LogLine(int Source, LogStream Stream, string? Timestamp, string Text, long DroppedBytes = 0);

/// <summary>A container whose log is read: its tty flag decides whether the stream is multiplexed.</summary>
public sealed record LogTarget(string Id, string Name, bool Tty);
