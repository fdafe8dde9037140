using System.Text;

namespace Quayside.Engine.Logs;

/// <summary>
/// Cuts each stream's payload into lines (a line may arrive in several frames), separates the engine's timestamp prefix
/// when asked for, and drops the carriage return a TTY puts before each newline.
/// </summary>
public sealed class LogLineSplitter(int source, bool timestamped) : ILogPayloadSink
{
    private readonly MemoryStream _pendingOut = new();
    private readonly MemoryStream _pendingErr = new();

    /// <summary>The complete lines found so far; the reader empties it after each feed.</summary>
    public List<LogLine> Lines { get; } = [];

    public void Payload(LogStream stream, ReadOnlySpan<byte> bytes)
    {
        var pending = stream == LogStream.Stderr ? _pendingErr : _pendingOut;
        while (bytes.Length > 0)
        {
            var newline = bytes.IndexOf((byte)'\n');
            if (newline < 0)
            {
                pending.Write(bytes);
                return;
            }
            if (pending.Length > 0)
            {
                pending.Write(bytes[..newline]);
                Emit(stream, pending.GetBuffer().AsSpan(0, (int)pending.Length));
                pending.SetLength(0);
            }
            else
            {
                Emit(stream, bytes[..newline]);
            }
            bytes = bytes[(newline + 1)..];
        }
    }

    /// <summary>Emits what is left of unfinished lines (the stream ended without a final newline).</summary>
    public void Flush()
    {
        foreach (var (stream, pending) in new[] { (LogStream.Stdout, _pendingOut), (LogStream.Stderr, _pendingErr) })
        {
            if (pending.Length == 0)
                continue;
            Emit(stream, pending.GetBuffer().AsSpan(0, (int)pending.Length));
            pending.SetLength(0);
        }
    }

    private void Emit(LogStream stream, ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
            line = line[..^1];
        string? timestamp = null;
        if (timestamped)
        {
            var space = line.IndexOf((byte)' ');
            if (space > 0 && line[0] is >= (byte)'0' and <= (byte)'9')
            {
                timestamp = Encoding.ASCII.GetString(line[..space]);
                line = line[(space + 1)..];
            }
        }
        Lines.Add(new LogLine(source, stream, timestamp, Encoding.UTF8.GetString(line)));
    }
}
