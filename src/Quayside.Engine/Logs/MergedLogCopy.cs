using System.Text;

namespace Quayside.Engine.Logs;

/// <summary>
/// The logs of several containers as one text, each line as <c>name | [timestamp ]text</c>, interleaved by time, with
/// every byte of every line: a line is copied out while it is read, so a 2 GB line costs a read buffer, not 2 GB.
/// The engine gives each source its timestamps (needed for the order); they are written only when asked for.
/// </summary>
internal sealed class MergedLogCopy
{
    private const int ReadBuffer = 64 * 1024;

    private readonly Source[] _sources;

    private MergedLogCopy(Source[] sources) => _sources = sources;

    public static async Task CopyAsync(IReadOnlyList<(LogTarget Target, Stream Stream)> inputs, bool writeTimestamps, Stream output, CancellationToken ct)
    {
        var copy = new MergedLogCopy([.. inputs.Select(i => new Source(i.Stream, i.Target, writeTimestamps))]);
        var writer = new Output(output);
        await copy.RunAsync(writer, ct);
        await writer.FlushAsync(ct);
    }

    private async Task RunAsync(Output output, CancellationToken ct)
    {
        var heads = new List<Source>();
        foreach (var source in _sources)
            if (await source.NextUnitAsync(ct))
                heads.Add(source);
        while (heads.Count > 0)
        {
            var first = 0;
            for (var i = 1; i < heads.Count; i++)
                if (string.CompareOrdinal(heads[i].HeadTimestamp, heads[first].HeadTimestamp) < 0)
                    first = i;
            await heads[first].CopyUnitAsync(output, ct);
            if (!await heads[first].NextUnitAsync(ct))
                heads.RemoveAt(first);
        }
    }

    /// <summary>
    /// One container's log, turned into prefixed output lines as it is read. A unit is where the merge may switch to
    /// another container: an output line that starts while neither stream is in the middle of a line (a long stdout
    /// line with stderr lines written meanwhile stays one unit, printed as <c>docker logs</c> prints it).
    /// </summary>
    private sealed class Source(Stream stream, LogTarget target, bool writeTimestamps) : ILogPayloadSink
    {
        private readonly LogDemultiplexer _demux = new(target.Tty);
        private readonly byte[] _read = new byte[ReadBuffer];
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(target.Name + " | ");
        private readonly StreamState _out = new();
        private readonly StreamState _err = new();
        private readonly Queue<(long At, string Timestamp)> _units = new();
        private byte[] _buffer = new byte[ReadBuffer];
        private long _bufferStart; // the output position of _buffer[0]
        private int _length;
        private long _copied; // output positions before this are written
        private bool _atLineStart = true;
        private bool _ended;

        public string HeadTimestamp => _units.Peek().Timestamp;

        /// <summary>Reads until the next unit's start (and so its timestamp) is known; false at the end of the log.</summary>
        public async Task<bool> NextUnitAsync(CancellationToken ct)
        {
            while (_units.Count == 0 && await ReadAsync(ct))
            {
            }
            return _units.Count > 0;
        }

        /// <summary>Writes the head unit out, reading more of it as needed.</summary>
        public async Task CopyUnitAsync(Output output, CancellationToken ct)
        {
            _units.Dequeue();
            while (true)
            {
                var end = _units.TryPeek(out var next) ? next.At : _bufferStart + _length;
                if (end > _copied)
                {
                    await output.WriteAsync(_buffer.AsMemory((int)(_copied - _bufferStart), (int)(end - _copied)), ct);
                    _copied = end;
                }
                if (_units.Count > 0 || !await ReadAsync(ct))
                    return;
            }
        }

        private async Task<bool> ReadAsync(CancellationToken ct)
        {
            if (_ended)
                return false;
            // Keep only what is not written yet: at most one read's worth of output.
            var keep = (int)(_bufferStart + _length - _copied);
            Buffer.BlockCopy(_buffer, _length - keep, _buffer, 0, keep);
            _bufferStart = _copied;
            _length = keep;
            var read = await stream.ReadAsync(_read, ct);
            if (read == 0)
            {
                _ended = true;
                foreach (var state in new[] { _out, _err })
                    Text(state, state.Timestamp.Abandon());
                if (!_atLineStart)
                    Write("\n"u8);
                return true;
            }
            _demux.Feed(_read.AsSpan(0, read), this);
            return true;
        }

        public void Payload(LogStream stream, ReadOnlySpan<byte> bytes, bool startsMessage)
        {
            var state = stream == LogStream.Stderr ? _err : _out;
            if (startsMessage)
            {
                Text(state, state.Timestamp.Abandon());
                state.Timestamp.Expected = true;
            }
            while (bytes.Length > 0)
            {
                if (state.Timestamp.Expected)
                {
                    var step = state.Timestamp.Take(ref bytes, out var value);
                    if (step == MessageTimestamp.Step.Found)
                        state.MessageTimestamp = Encoding.ASCII.GetString(value);
                    else if (step == MessageTimestamp.Step.None)
                        Text(state, value);
                    continue;
                }
                var newline = bytes.IndexOf((byte)'\n');
                var piece = newline < 0 ? bytes : bytes[..(newline + 1)];
                Text(state, piece);
                bytes = bytes[piece.Length..];
                if (newline >= 0)
                    state.Timestamp.Expected = true;
            }
        }

        private void Text(StreamState state, ReadOnlySpan<byte> text)
        {
            if (text.IsEmpty)
                return;
            if (_atLineStart)
            {
                if (!_out.MidLine && !_err.MidLine)
                    _units.Enqueue((_bufferStart + _length, state.MessageTimestamp ?? ""));
                Write(_prefix);
                if (writeTimestamps && state.MessageTimestamp is { } ts)
                {
                    Write(Encoding.ASCII.GetBytes(ts));
                    Write(" "u8);
                }
            }
            Write(text);
            _atLineStart = text[^1] == (byte)'\n';
            state.MidLine = !_atLineStart;
        }

        private void Write(ReadOnlySpan<byte> bytes)
        {
            if (_length + bytes.Length > _buffer.Length)
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes.Length));
            bytes.CopyTo(_buffer.AsSpan(_length));
            _length += bytes.Length;
        }
    }

    /// <summary>Gathers the many short writes of short lines into writes of <see cref="ReadBuffer"/> bytes.</summary>
    private sealed class Output(Stream stream)
    {
        private readonly byte[] _buffer = new byte[ReadBuffer];
        private int _length;

        public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
        {
            if (_length + bytes.Length > _buffer.Length)
                await FlushAsync(ct);
            if (bytes.Length >= _buffer.Length)
            {
                await stream.WriteAsync(bytes, ct);
                return;
            }
            bytes.CopyTo(_buffer.AsMemory(_length));
            _length += bytes.Length;
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            if (_length > 0)
                await stream.WriteAsync(_buffer.AsMemory(0, _length), ct);
            _length = 0;
        }
    }

    private sealed class StreamState
    {
        public MessageTimestamp Timestamp { get; } = new();

        /// <summary>The timestamp of the message being read (the engine sends one with each).</summary>
        public string? MessageTimestamp { get; set; }

        public bool MidLine { get; set; }
    }
}
