namespace Quayside.Engine.Tar;

/// <summary>
/// A forward-only stream whose length is known in advance (an upload's Content-Length, a zip entry's size). TarWriter
/// copies a data stream it can ask the length of straight into an unseekable archive; without a length it refuses,
/// so this reports <see cref="CanSeek"/> for Length and Position only and never seeks.
/// </summary>
public sealed class KnownLengthStream(Stream inner, long length, bool leaveOpen = false) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("forward-only stream");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, length - _position)]);
        return Advance(n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - _position)], cancellationToken);
        return Advance(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Advance(int n)
    {
        if (n == 0 && _position < length)
            throw new EndOfStreamException($"The upload ended after {_position} of {length} bytes.");
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("forward-only stream");
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Flush() { }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
