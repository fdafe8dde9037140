using System.Text;
using Quayside.Engine.Connection;
using Quayside.Engine.Logs;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Security;

/// <summary>A container that printed one 200 MB line without a newline, made once for the tests of this class.</summary>
public sealed class LongLineContainer : IAsyncLifetime
{
    public string Name { get; } = LabContainers.UniqueName("longline");
    public string Neighbour { get; } = LabContainers.UniqueName("longline-nb");

    public async Task InitializeAsync()
    {
        await LogContainers.RunLongLineAsync(Name);
        await LogContainers.RunAsync(Neighbour, "echo neighbour-1; echo neighbour-2; exec sleep 100000", "neighbour-2");
    }

    public Task DisposeAsync() => LabContainers.RemoveAsync(Name, Neighbour);
}

/// <summary>
/// Issue 13, item 8: one long log line took the dashboard down (a 200 MB line raised its memory by 434 MB; 2 GB would end
/// it). The viewer gets the line's first 64 KiB and a count of the rest; the downloads still get every byte.
/// </summary>
public sealed class LongLogLineTests(LongLineContainer container) : IClassFixture<LongLineContainer>, IDisposable
{
    private const long Line = LogContainers.LongLineBytes;
    private readonly EngineClient _engine = new(EngineEndpoint.FromEnvironment());
    private ContainerLogs Logs => new(_engine);
    private static LogQuery All(bool timestamps = false) => LogQuery.Parse(false, "all", null, null, timestamps, DateTimeOffset.UtcNow, out _);

    [Fact]
    public async Task A_200_MB_line_reaches_the_viewer_as_its_first_64_KiB_and_the_count_of_the_rest_then_the_next_line()
    {
        var target = await Logs.ResolveAsync(container.Name, CancellationToken.None);
        var lines = new List<LogLine>();
        await foreach (var batch in Logs.ReadLinesAsync(target, All(), 0, CancellationToken.None))
            lines.AddRange(batch);

        Assert.Equal(2, lines.Count);
        Assert.Equal(LogLineSplitter.MaxLineBytes, lines[0].Text.Length);
        Assert.True(lines[0].Text.All(c => c == 'a'), "the line's text holds something else than what the container printed (the engine's timestamps?)");
        Assert.Equal(Line - LogLineSplitter.MaxLineBytes, lines[0].DroppedBytes);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", lines[0].Timestamp);
        Assert.Equal(("after", 0L), (lines[1].Text, lines[1].DroppedBytes));
    }

    [Fact]
    public async Task The_download_of_a_200_MB_line_still_has_every_byte()
    {
        var target = await Logs.ResolveAsync(container.Name, CancellationToken.None);
        var counted = new CountingStream();
        await Logs.CopyTextAsync(target, All(), counted, CancellationToken.None);
        Assert.Equal(Line + "\nafter\n".Length, counted.Length);
        Assert.Equal(Line + 1, counted.Count('a')); // and the one of "after"
    }

    [Fact]
    public async Task The_merged_download_of_a_200_MB_line_and_another_container_has_every_byte_and_no_timestamps_inside_the_line()
    {
        var targets = new[]
        {
            await Logs.ResolveAsync(container.Name, CancellationToken.None),
            await Logs.ResolveAsync(container.Neighbour, CancellationToken.None),
        };
        var counted = new CountingStream();
        await Logs.CopyMergedTextAsync(targets, All(), counted, CancellationToken.None);

        // The long line was written first: its lines, then the neighbour's, each prefixed with the container's name.
        var rest = $"\n{container.Name} | after\n{container.Neighbour} | neighbour-1\n{container.Neighbour} | neighbour-2\n";
        var head = $"{container.Name} | ";
        Assert.Equal(head.Length + Line + rest.Length, counted.Length);
        Assert.Equal(Line, counted.Count('a') - CountA(head + rest));
        Assert.Equal(head + "aaaa", counted.Head(head.Length + 4));
        Assert.Equal(rest, counted.Tail(rest.Length));
    }

    [Fact]
    public async Task The_merged_download_with_timestamps_puts_one_before_each_line_only()
    {
        var targets = new[] { await Logs.ResolveAsync(container.Name, CancellationToken.None), await Logs.ResolveAsync(container.Neighbour, CancellationToken.None) };
        var counted = new CountingStream();
        await Logs.CopyMergedTextAsync(targets, All(timestamps: true), counted, CancellationToken.None);
        const int stamp = 31; // "2024-05-01T10:00:00.000000001Z "
        var prefixes = 2 * (container.Name.Length + 3 + stamp) + 2 * (container.Neighbour.Length + 3 + stamp);
        Assert.Equal(Line + prefixes + "\nafter\nneighbour-1\nneighbour-2\n".Length, counted.Length);
    }

    private static long CountA(string text) => text.Count(c => c == 'a');

    public void Dispose() => _engine.Dispose();

    /// <summary>Counts what is written (bytes, and each byte value) and keeps only its first and last bytes.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly long[] _counts = new long[256];
        private readonly MemoryStream _head = new();
        private readonly byte[] _tail = new byte[4096];
        private long _length;

        public override long Length => _length;
        public long Count(char c) => _counts[c];
        public string Head(int n) => Encoding.UTF8.GetString(_head.GetBuffer(), 0, (int)Math.Min(n, _head.Length));

        public string Tail(int n)
        {
            var bytes = new byte[Math.Min(n, Math.Min(_length, _tail.Length))];
            for (var i = 0; i < bytes.Length; i++)
                bytes[i] = _tail[(_length - bytes.Length + i) % _tail.Length];
            return Encoding.UTF8.GetString(bytes);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            foreach (var b in buffer)
            {
                _counts[b]++;
                _tail[_length % _tail.Length] = b;
                _length++;
            }
            if (_head.Length < 4096)
                _head.Write(buffer[..(int)Math.Min(buffer.Length, 4096 - _head.Length)]);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
