using System.Text;
using Quayside.Engine.Logs;

namespace Quayside.Engine.Tests.Logs;

/// <summary>Long lines: the splitter keeps the first <see cref="LogLineSplitter.MaxLineBytes"/> of a line and counts the rest.</summary>
public class LogLineSplitterTests
{
    private const int Max = LogLineSplitter.MaxLineBytes;
    private const string Ts1 = "2024-05-01T10:00:00.000000001Z";
    private const string Ts2 = "2024-05-01T10:00:00.000000002Z";

    private static byte[] Frame(byte stream, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        frame[4] = (byte)(payload.Length >> 24);
        frame[5] = (byte)(payload.Length >> 16);
        frame[6] = (byte)(payload.Length >> 8);
        frame[7] = (byte)payload.Length;
        payload.CopyTo(frame.AsSpan(8));
        return frame;
    }

    /// <summary>
    /// What the engine sends for a line of <paramref name="length"/> letters with timestamps on: 16 KiB messages, each a
    /// frame that starts with a timestamp, the last one ending in the newline.
    /// </summary>
    private static IEnumerable<byte[]> EngineLongLine(long length, byte stream = 1)
    {
        var piece = new byte[16 * 1024];
        piece.AsSpan().Fill((byte)'a');
        var prefix = Encoding.ASCII.GetBytes(Ts1 + " ");
        for (long sent = 0; sent < length; sent += piece.Length)
        {
            var n = (int)Math.Min(piece.Length, length - sent);
            byte[] payload = [.. prefix, .. piece.AsSpan(0, n)];
            if (sent + n == length)
                payload = [.. payload, (byte)'\n'];
            yield return Frame(stream, payload);
        }
    }

    /// <summary>Feeds the data cut at arbitrary places; returns the lines and the most the splitter held meanwhile.</summary>
    private static (List<LogLine> Lines, int MostHeld) Feed(IEnumerable<byte[]> pieces, bool tty, bool timestamped, int seed = 7)
    {
        var random = new Random(seed);
        var demux = new LogDemultiplexer(tty);
        var splitter = new LogLineSplitter(0, timestamped);
        var held = 0;
        foreach (var data in pieces)
        {
            for (var at = 0; at < data.Length;)
            {
                var n = Math.Min(random.Next(1, 9000), data.Length - at);
                demux.Feed(data.AsSpan(at, n), splitter);
                held = Math.Max(held, splitter.HeldBytes);
                at += n;
            }
        }
        splitter.Flush();
        return (splitter.Lines, held);
    }

    private static IEnumerable<byte[]> Bytes(string text) => [Encoding.UTF8.GetBytes(text)];

    [Fact]
    public void A_5_MB_line_from_the_engine_cut_anywhere_becomes_its_first_64_KiB_and_a_count_and_the_next_lines_are_whole()
    {
        const long length = 5_000_000;
        byte[][] after = [Frame(1, Encoding.ASCII.GetBytes(Ts2 + " after\n")), Frame(2, Encoding.ASCII.GetBytes(Ts2 + " on stderr\n"))];
        var (lines, held) = Feed([.. EngineLongLine(length), .. after], tty: false, timestamped: true);

        Assert.Equal(3, lines.Count);
        Assert.Equal(Ts1, lines[0].Timestamp);
        Assert.Equal(Max, lines[0].Text.Length);
        Assert.True(lines[0].Text.All(c => c == 'a'), "the engine's timestamps before each 16 KiB piece leaked into the text");
        Assert.Equal(length - Max, lines[0].DroppedBytes);
        Assert.Equal((Ts2, "after", 0L, LogStream.Stdout), (lines[1].Timestamp, lines[1].Text, lines[1].DroppedBytes, lines[1].Stream));
        Assert.Equal((Ts2, "on stderr", LogStream.Stderr), (lines[2].Timestamp, lines[2].Text, lines[2].Stream));
        Assert.InRange(held, 1, 2 * (Max + 64));
    }

    [Fact]
    public void A_5_MB_tty_line_without_timestamps_ends_at_the_newline_and_one_never_ending_ends_with_the_stream()
    {
        var big = new byte[5_000_000];
        big.AsSpan().Fill((byte)'x');
        var (lines, held) = Feed([big, "\r\nnext\r\n"u8.ToArray(), big], tty: true, timestamped: false);

        Assert.Equal(3, lines.Count);
        Assert.Equal((Max, 5_000_000L - Max), (lines[0].Text.Length, lines[0].DroppedBytes));
        Assert.Equal(("next", 0L), (lines[1].Text, lines[1].DroppedBytes));
        Assert.Equal((Max, 5_000_000L - Max), (lines[2].Text.Length, lines[2].DroppedBytes));
        Assert.InRange(held, 1, 2 * (Max + 64));
    }

    [Fact]
    public void A_line_of_exactly_64_KiB_is_whole_and_one_byte_more_is_counted()
    {
        var exact = new string('b', Max);
        var (lines, _) = Feed(Bytes(exact + "\r\n" + exact + "c\n"), tty: true, timestamped: false);
        Assert.Equal((exact, 0L), (lines[0].Text, lines[0].DroppedBytes));
        Assert.Equal((exact, 1L), (lines[1].Text, lines[1].DroppedBytes));
    }

    [Fact]
    public void A_cut_never_splits_a_character_its_bytes_count_as_dropped()
    {
        var text = new string('a', Max - 1) + "é" + "tail";
        var (lines, _) = Feed(Bytes(text + "\n"), tty: true, timestamped: false);
        var line = Assert.Single(lines);
        Assert.Equal(new string('a', Max - 1), line.Text);
        Assert.Equal(2 + 4, line.DroppedBytes);
    }

    [Fact]
    public void The_timestamps_of_a_lines_later_messages_are_not_part_of_its_text()
    {
        byte[][] frames =
        [
            Frame(1, Encoding.ASCII.GetBytes(Ts1 + " hel")),
            Frame(2, Encoding.ASCII.GetBytes(Ts2 + " warn\n")),
            Frame(1, Encoding.ASCII.GetBytes(Ts2 + " lo\n")),
        ];
        var (lines, _) = Feed(frames, tty: false, timestamped: true, seed: 3);
        Assert.Equal([(Ts2, "warn"), (Ts1, "hello")], lines.Select(l => (l.Timestamp, l.Text)));
    }
}
