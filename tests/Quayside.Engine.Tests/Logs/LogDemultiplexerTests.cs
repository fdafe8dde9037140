using System.Text;
using Quayside.Engine.Logs;

namespace Quayside.Engine.Tests.Logs;

public class LogDemultiplexerTests
{
    private static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        frame[4] = (byte)(payload.Length >> 24);
        frame[5] = (byte)(payload.Length >> 16);
        frame[6] = (byte)(payload.Length >> 8);
        frame[7] = (byte)payload.Length;
        payload.CopyTo(frame, 8);
        return frame;
    }

    private static List<LogLine> Split(bool tty, bool timestamped, byte[] data, int chunk)
    {
        var demux = new LogDemultiplexer(tty);
        var splitter = new LogLineSplitter(0, timestamped);
        for (var i = 0; i < data.Length; i += chunk)
            demux.Feed(data.AsSpan(i, Math.Min(chunk, data.Length - i)), splitter);
        splitter.Flush();
        return splitter.Lines;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(4096)]
    public void Stdout_and_stderr_frames_become_lines_of_their_stream_however_the_bytes_are_cut(int chunk)
    {
        byte[] data = [.. Frame(1, "out one\n"), .. Frame(2, "err one\n"), .. Frame(1, "out two\nout three\n"), .. Frame(2, "ünï\n")];
        var lines = Split(tty: false, timestamped: false, data, chunk);
        Assert.Equal(
            [(LogStream.Stdout, "out one"), (LogStream.Stderr, "err one"), (LogStream.Stdout, "out two"), (LogStream.Stdout, "out three"), (LogStream.Stderr, "ünï")],
            lines.Select(l => (l.Stream, l.Text)));
    }

    [Fact]
    public void A_line_split_over_two_frames_is_one_line_and_the_other_stream_does_not_mix_in()
    {
        byte[] data = [.. Frame(1, "hel"), .. Frame(2, "warn\n"), .. Frame(1, "lo\n"), .. Frame(1, "tail without newline")];
        var lines = Split(tty: false, timestamped: false, data, 5);
        Assert.Equal([(LogStream.Stderr, "warn"), (LogStream.Stdout, "hello"), (LogStream.Stdout, "tail without newline")], lines.Select(l => (l.Stream, l.Text)));
    }

    [Fact]
    public void A_tty_stream_has_no_frames_its_timestamps_are_split_off_and_carriage_returns_dropped()
    {
        var data = Encoding.UTF8.GetBytes("2024-05-01T10:00:00.000000001Z hello tty\r\n2024-05-01T10:00:00.000000002Z second\r\n");
        var lines = Split(tty: true, timestamped: true, data, 7);
        Assert.Equal(
            [("2024-05-01T10:00:00.000000001Z", "hello tty"), ("2024-05-01T10:00:00.000000002Z", "second")],
            lines.Select(l => (l.Timestamp, l.Text)));
        Assert.All(lines, l => Assert.Equal(LogStream.Stdout, l.Stream));
    }

    [Fact]
    public void An_empty_frame_is_skipped()
    {
        byte[] data = [.. Frame(1, ""), .. Frame(2, "x\n")];
        Assert.Equal([(LogStream.Stderr, "x")], Split(false, false, data, 2).Select(l => (l.Stream, l.Text)));
    }
}
