using System.Text;

namespace Quayside.Engine.Logs;

/// <summary>
/// Cuts each stream's payload into lines (a line may arrive in several frames), separates the engine's timestamp prefix
/// when asked for, and drops the carriage return a TTY puts before each newline. A line keeps its first
/// <see cref="MaxLineBytes"/> bytes; the rest is only counted (<see cref="LogLine.DroppedBytes"/>), so a container that
/// writes a 2 GB line without a newline (a progress bar redrawn with <c>\r</c>) costs 64 KiB here, not 2 GB.
/// </summary>
public sealed class LogLineSplitter(int source, bool timestamped) : ILogPayloadSink
{
    public const int MaxLineBytes = 64 * 1024;

    private readonly PendingLine _out = new();
    private readonly PendingLine _err = new();

    /// <summary>The complete lines found so far; the reader empties it after each feed.</summary>
    public List<LogLine> Lines { get; } = [];

    /// <summary>The bytes held for unfinished lines of both streams: at most 2 × (<see cref="MaxLineBytes"/> + a timestamp).</summary>
    public int HeldBytes => _out.Capacity + _err.Capacity;

    public void Payload(LogStream stream, ReadOnlySpan<byte> bytes, bool startsMessage)
    {
        var line = stream == LogStream.Stderr ? _err : _out;
        if (startsMessage)
            line.StartMessage();
        while (bytes.Length > 0)
        {
            if (timestamped && line.AtMessageStart)
            {
                bytes = line.TakeTimestamp(bytes);
                continue;
            }
            var newline = bytes.IndexOf((byte)'\n');
            if (newline < 0)
            {
                line.Append(bytes);
                return;
            }
            line.Append(bytes[..newline]);
            Lines.Add(line.Emit(source, stream));
            bytes = bytes[(newline + 1)..];
        }
    }

    /// <summary>Emits what is left of unfinished lines (the stream ended without a final newline).</summary>
    public void Flush()
    {
        foreach (var (stream, line) in new[] { (LogStream.Stdout, _out), (LogStream.Stderr, _err) })
        {
            line.EndTimestamp();
            if (line.Started)
                Lines.Add(line.Emit(source, stream));
        }
    }

    /// <summary>One stream's unfinished line: its timestamp, its first bytes and the count of the others.</summary>
    private sealed class PendingLine
    {
        private byte[] _bytes = [];
        private int _length;
        private long _dropped;
        private bool _droppedEndsInCr;
        private string? _timestamp;
        private readonly MessageTimestamp _messageTimestamp = new();

        public bool AtMessageStart => _messageTimestamp.Expected;

        public bool Started => _timestamp is not null || _length > 0 || _dropped > 0;

        public int Capacity => _bytes.Length + _messageTimestamp.HeldCapacity;

        public void StartMessage()
        {
            EndTimestamp();
            _messageTimestamp.Expected = true;
        }

        /// <summary>
        /// Reads the message's timestamp and returns the bytes after it. The first message of a line gives the line's
        /// timestamp; the engine's timestamps before the 16 KiB pieces of a long line are not part of the text.
        /// </summary>
        public ReadOnlySpan<byte> TakeTimestamp(ReadOnlySpan<byte> bytes)
        {
            switch (_messageTimestamp.Take(ref bytes, out var value))
            {
                case MessageTimestamp.Step.Found when !Started:
                    _timestamp = Encoding.ASCII.GetString(value);
                    break;
                case MessageTimestamp.Step.None:
                    Append(value);
                    break;
            }
            return bytes;
        }

        /// <summary>What was read as a possible timestamp was none: it is text.</summary>
        public void EndTimestamp() => Append(_messageTimestamp.Abandon());

        public void Append(ReadOnlySpan<byte> text)
        {
            var take = Math.Min(MaxLineBytes - _length, text.Length);
            if (take > 0)
            {
                if (_length + take > _bytes.Length)
                    Array.Resize(ref _bytes, Math.Min(MaxLineBytes, Math.Max(Math.Max(256, _bytes.Length * 2), _length + take)));
                text[..take].CopyTo(_bytes.AsSpan(_length));
                _length += take;
                text = text[take..];
            }
            if (text.Length > 0)
            {
                _dropped += text.Length;
                _droppedEndsInCr = text[^1] == (byte)'\r';
            }
        }

        public LogLine Emit(int source, LogStream stream)
        {
            var kept = _bytes.AsSpan(0, _length);
            var dropped = _dropped;
            if (dropped > 0 && _droppedEndsInCr)
                dropped--;
            else if (dropped == 0 && kept.Length > 0 && kept[^1] == (byte)'\r')
                kept = kept[..^1];
            if (dropped > 0)
            {
                // Never show half a character: the bytes of one cut at the limit count as dropped.
                var whole = WholeCharacters(kept);
                dropped += kept.Length - whole;
                kept = kept[..whole];
            }
            var line = new LogLine(source, stream, _timestamp, Encoding.UTF8.GetString(kept), dropped);
            _length = 0;
            _dropped = 0;
            _droppedEndsInCr = false;
            _timestamp = null;
            _messageTimestamp.Expected = true;
            return line;
        }

        /// <summary>The length of <paramref name="utf8"/> without an incomplete character at its end.</summary>
        private static int WholeCharacters(ReadOnlySpan<byte> utf8)
        {
            for (var i = utf8.Length - 1; i >= Math.Max(0, utf8.Length - 4); i--)
            {
                var b = utf8[i];
                if (b < 0x80)
                    return utf8.Length;
                if (b < 0xC0)
                    continue;
                var size = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return i + size <= utf8.Length ? utf8.Length : i;
            }
            return utf8.Length;
        }
    }
}
