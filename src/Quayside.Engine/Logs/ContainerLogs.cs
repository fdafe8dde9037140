using System.Runtime.CompilerServices;
using Quayside.Engine.Connection;

namespace Quayside.Engine.Logs;

/// <summary>Reads containers' logs from the engine: as lines for the viewer, or as raw text for a download.</summary>
public sealed class ContainerLogs(EngineClient engine)
{
    private const int ReadBuffer = 64 * 1024;
    private const int MaxBatch = 2000;
    private const int MaxBatchChars = 512 * 1024;

    /// <summary>Looks the container up (by id or name) to learn its name and whether it has a TTY.</summary>
    public async Task<LogTarget> ResolveAsync(string idOrName, CancellationToken ct)
    {
        var inspect = await engine.InspectContainerAsync(idOrName, ct);
        return new LogTarget(
            inspect["Id"]?.GetValue<string>() ?? idOrName,
            (inspect["Name"]?.GetValue<string>() ?? idOrName).TrimStart('/'),
            inspect["Config"]?["Tty"]?.GetValue<bool>() ?? false);
    }

    /// <summary>The log as lines, always with the engine's timestamps (the viewer sorts and shows them on demand).</summary>
    public async IAsyncEnumerable<IReadOnlyList<LogLine>> ReadLinesAsync(
        LogTarget target, LogQuery query, int source, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = await engine.OpenStreamAsync(query.EnginePath(target.Id, timestamps: true), ct);
        var demux = new LogDemultiplexer(target.Tty);
        var splitter = new LogLineSplitter(source, timestamped: true);
        var buffer = new byte[ReadBuffer];
        long chars = 0;
        while (true)
        {
            // The engine flushes every line; handing lines on only when no more are waiting (or many are) keeps a
            // million-line log from becoming a million hand-overs, and a followed line from waiting.
            var next = stream.ReadAsync(buffer, ct);
            if (splitter.Lines.Count > 0 && (!next.IsCompleted || splitter.Lines.Count >= MaxBatch || chars >= MaxBatchChars))
            {
                yield return [.. splitter.Lines];
                splitter.Lines.Clear();
                chars = 0;
            }
            var read = await next;
            if (read == 0)
                break;
            var before = splitter.Lines.Count;
            demux.Feed(buffer.AsSpan(0, read), splitter);
            for (var i = before; i < splitter.Lines.Count; i++)
                chars += splitter.Lines[i].Text.Length;
        }
        splitter.Flush();
        if (splitter.Lines.Count > 0)
            yield return [.. splitter.Lines];
    }

    /// <summary>
    /// Writes the log's text to <paramref name="output"/> as <c>docker logs</c> prints it (stdout and stderr as they come),
    /// copying the payload bytes without decoding them: a download is as fast as the engine reads its log file.
    /// </summary>
    public async Task CopyTextAsync(LogTarget target, LogQuery query, Stream output, CancellationToken ct)
    {
        await using var stream = await engine.OpenStreamAsync(query.EnginePath(target.Id, query.Timestamps), ct);
        var demux = new LogDemultiplexer(target.Tty);
        var sink = new CopySink();
        var buffer = new byte[ReadBuffer];
        while (true)
        {
            // Written out in large pieces: the engine's stream arrives a line at a time, and a write per line costs the
            // dashboard a send per line (a download is never followed, so nothing waits for a partial piece).
            var next = stream.ReadAsync(buffer, ct);
            if (sink.Length >= ReadBuffer)
            {
                await output.WriteAsync(sink.Buffer.AsMemory(0, sink.Length), ct);
                sink.Length = 0;
            }
            var read = await next;
            if (read == 0)
                break;
            demux.Feed(buffer.AsSpan(0, read), sink);
        }
        if (sink.Length > 0)
            await output.WriteAsync(sink.Buffer.AsMemory(0, sink.Length), ct);
    }

    /// <summary>
    /// Writes the logs of several containers as one text interleaved by time, each line as <c>name | [timestamp ]text</c>,
    /// with every byte of every line however long (see <see cref="MergedLogCopy"/>).
    /// </summary>
    public async Task CopyMergedTextAsync(IReadOnlyList<LogTarget> targets, LogQuery query, Stream output, CancellationToken ct)
    {
        var inputs = new List<(LogTarget, Stream)>();
        try
        {
            foreach (var target in targets)
                inputs.Add((target, await engine.OpenStreamAsync((query with { Follow = false }).EnginePath(target.Id, timestamps: true), ct)));
            await MergedLogCopy.CopyAsync(inputs, query.Timestamps, output, ct);
        }
        finally
        {
            foreach (var (_, stream) in inputs)
                await stream.DisposeAsync();
        }
    }

    /// <summary>
    /// The logs of several containers interleaved by timestamp (a k-way merge of streams that are each in time order).
    /// Only for a bounded range: it needs every stream to end.
    /// </summary>
    public async IAsyncEnumerable<LogLine> MergeAsync(
        IReadOnlyList<LogTarget> targets, LogQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        var readers = new List<IAsyncEnumerator<LogLine>>();
        try
        {
            for (var i = 0; i < targets.Count; i++)
                readers.Add(Flatten(ReadLinesAsync(targets[i], query with { Follow = false }, i, ct)).GetAsyncEnumerator(ct));
            var heads = new List<IAsyncEnumerator<LogLine>>();
            foreach (var r in readers)
                if (await r.MoveNextAsync())
                    heads.Add(r);
            while (heads.Count > 0)
            {
                var first = 0;
                for (var i = 1; i < heads.Count; i++)
                    if (string.CompareOrdinal(heads[i].Current.Timestamp, heads[first].Current.Timestamp) < 0)
                        first = i;
                yield return heads[first].Current;
                if (!await heads[first].MoveNextAsync())
                    heads.RemoveAt(first);
            }
        }
        finally
        {
            foreach (var r in readers)
                await r.DisposeAsync();
        }
    }

    private static async IAsyncEnumerable<LogLine> Flatten(IAsyncEnumerable<IReadOnlyList<LogLine>> batches)
    {
        await foreach (var batch in batches)
            foreach (var line in batch)
                yield return line;
    }

    private sealed class CopySink : ILogPayloadSink
    {
        public byte[] Buffer = new byte[ReadBuffer];
        public int Length;

        public void Payload(LogStream stream, ReadOnlySpan<byte> bytes, bool startsMessage)
        {
            if (Length + bytes.Length > Buffer.Length)
                Array.Resize(ref Buffer, Math.Max(Buffer.Length * 2, Length + bytes.Length));
            bytes.CopyTo(Buffer.AsSpan(Length));
            Length += bytes.Length;
        }
    }
}
