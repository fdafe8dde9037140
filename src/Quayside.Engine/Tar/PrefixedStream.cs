namespace Quayside.Engine.Tar;

/// <summary>Bytes already read from a forward-only stream, then the rest of it: lets a reader peek at magic bytes.</summary>
public sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
{
    private int _offset;

    /// <summary>Reads up to <paramref name="count"/> bytes and returns them with a stream that still starts with them.</summary>
    public static async Task<(byte[] Head, Stream Whole)> PeekAsync(Stream source, int count, CancellationToken ct)
    {
        var head = new byte[count];
        var read = 0;
        while (read < count && await source.ReadAsync(head.AsMemory(read), ct) is var n and > 0)
            read += n;
        Array.Resize(ref head, read);
        return (head, new PrefixedStream(head, source));
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset < prefix.Length)
            return Take(buffer);
        return rest.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _offset < prefix.Length ? ValueTask.FromResult(Take(buffer.Span)) : rest.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Take(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, prefix.Length - _offset);
        prefix.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Flush() { }
}
