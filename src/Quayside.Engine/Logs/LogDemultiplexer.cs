using System.Buffers.Binary;

namespace Quayside.Engine.Logs;

/// <summary>Receives the payload bytes of the log stream, told apart by stream.</summary>
public interface ILogPayloadSink
{
    /// <param name="startsMessage">
    /// The bytes begin one of the engine's log messages (a frame). The engine cuts a long line into messages of 16 KiB
    /// and, when asked for timestamps, puts one before each message, also in the middle of a line. A TTY stream has no
    /// frames: there it is always false.
    /// </param>
    void Payload(LogStream stream, ReadOnlySpan<byte> bytes, bool startsMessage);
}

/// <summary>
/// Splits the engine's multiplexed log stream (frames of an 8-byte header: stream byte, three zero bytes, big-endian
/// payload size; then the payload) into stdout and stderr payloads. Frames may be cut anywhere between two reads.
/// A TTY container's stream has no frames: all of it is stdout.
/// </summary>
public sealed class LogDemultiplexer(bool tty)
{
    private readonly byte[] _header = new byte[8];
    private int _headerFill;
    private long _remaining;
    private LogStream _current = LogStream.Stdout;
    private bool _frameStart;

    public void Feed(ReadOnlySpan<byte> data, ILogPayloadSink sink)
    {
        if (tty)
        {
            sink.Payload(LogStream.Stdout, data, false);
            return;
        }
        while (data.Length > 0)
        {
            if (_remaining == 0)
            {
                var take = Math.Min(_header.Length - _headerFill, data.Length);
                data[..take].CopyTo(_header.AsSpan(_headerFill));
                _headerFill += take;
                data = data[take..];
                if (_headerFill < _header.Length)
                    return;
                _headerFill = 0;
                _current = _header[0] == 2 ? LogStream.Stderr : LogStream.Stdout;
                _remaining = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
                _frameStart = true;
                continue;
            }
            var n = (int)Math.Min(_remaining, data.Length);
            sink.Payload(_current, data[..n], _frameStart);
            _frameStart = false;
            _remaining -= n;
            data = data[n..];
        }
    }
}
