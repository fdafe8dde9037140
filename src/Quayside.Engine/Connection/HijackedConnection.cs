using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Quayside.Engine.Connection;

/// <summary>
/// A raw two-way byte stream to the engine after an HTTP upgrade (exec start, attach). HttpClient cannot hand over a
/// hijacked connection, so this writes the request itself on its own socket and keeps the socket afterwards.
/// </summary>
public sealed class HijackedConnection : IAsyncDisposable
{
    private readonly DialedStream _connection;
    private readonly Stream _stream;
    private byte[] _pending;
    private int _pendingOffset;

    private HijackedConnection(DialedStream connection, byte[] pending)
    {
        _connection = connection;
        _stream = connection.Stream;
        _pending = pending;
    }

    /// <summary>POSTs <paramref name="path"/> asking for an upgrade; throws <see cref="EngineApiException"/> when the engine refuses.</summary>
    public static async Task<HijackedConnection> OpenAsync(EngineClient client, string path, JsonNode? body, CancellationToken ct)
    {
        var sent = client.Prepare(path);
        var connection = await client.Dialer.DialAsync(ct);
        try
        {
            var payload = Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "");
            var head = $"POST {sent} HTTP/1.1\r\nHost: {client.Endpoint.BaseUri.Authority}\r\nContent-Type: application/json\r\n"
                + $"Content-Length: {payload.Length}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
            await connection.Stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(payload).ToArray(), ct);
            await connection.Stream.FlushAsync(ct);

            var (status, headers, rest) = await ReadHeadAsync(connection.Stream, ct);
            if (status is 101 or 200)
                return new HijackedConnection(connection, rest);
            var text = Encoding.UTF8.GetString(await ReadBodyAsync(connection.Stream, headers, rest, ct));
            throw new EngineApiException((HttpStatusCode)status, MessageOf(text), path);
        }
        catch
        {
            await connection.Stream.DisposeAsync();
            throw;
        }
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        if (_pendingOffset < _pending.Length)
        {
            var n = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
            _pending.AsMemory(_pendingOffset, n).CopyTo(buffer);
            _pendingOffset += n;
            return n;
        }
        return await _stream.ReadAsync(buffer, ct);
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length; false at the end of the stream.</summary>
    public async ValueTask<bool> ReadExactlyAsync(Memory<byte> buffer, CancellationToken ct)
    {
        for (var done = 0; done < buffer.Length;)
        {
            var n = await ReadAsync(buffer[done..], ct);
            if (n == 0)
                return false;
            done += n;
        }
        return true;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await _stream.WriteAsync(data, ct);
        await _stream.FlushAsync(ct);
    }

    /// <summary>Tells the engine no more input comes (the process's stdin is closed when it has no TTY).</summary>
    public ValueTask CloseInputAsync() => _connection.CloseWriteAsync();

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private static async Task<(int Status, Dictionary<string, string> Headers, byte[] Remainder)> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var received = new List<byte>(1024);
        var buffer = new byte[4096];
        int end;
        while ((end = IndexOfHeadEnd(received)) < 0)
        {
            if (received.Count > 64 * 1024)
                throw new IOException("The engine's answer has no end of headers.");
            var n = await stream.ReadAsync(buffer, ct);
            if (n == 0)
                throw new IOException("The engine closed the connection before answering.");
            received.AddRange(buffer.AsSpan(0, n));
        }
        var lines = Encoding.ASCII.GetString(received.GetRange(0, end).ToArray()).Split("\r\n");
        var statusWords = lines[0].Split(' ', 3);
        if (statusWords.Length < 2 || !int.TryParse(statusWords[1], out var status))
            throw new IOException($"The engine answered with an unreadable status line: {lines[0]}");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return (status, headers, received.GetRange(end + 4, received.Count - end - 4).ToArray());
    }

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
                return i;
        return -1;
    }

    private static async Task<byte[]> ReadBodyAsync(Stream stream, Dictionary<string, string> headers, byte[] rest, CancellationToken ct)
    {
        var length = headers.TryGetValue("Content-Length", out var l) && int.TryParse(l, out var n) ? n : 64 * 1024;
        var body = new List<byte>(rest);
        var buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
                break;
            body.AddRange(buffer.AsSpan(0, read));
        }
        return [.. body];
    }

    private static string MessageOf(string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["message"]?.GetValue<string>() is { } m)
                return m;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return body.Trim();
    }
}
