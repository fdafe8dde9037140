using Microsoft.AspNetCore.Http.Features;

namespace Quayside.Web.Api;

/// <summary>
/// Holds one upload to its limit. Kestrel is told the limit (for this request only: its 30 MB default stays on every
/// other route, and on this one until the handler runs); a Content-Length above it is refused before a byte is read;
/// and the body is counted as it is read, since a chunked upload announces no length (and the in-memory test server
/// has no Kestrel). Whatever reads the body past the limit fails, and <see cref="Problem"/> then says why in words.
/// </summary>
public sealed class UploadGuard
{
    private UploadGuard(UploadLimit limit) => Limit = limit;

    public UploadLimit Limit { get; }

    /// <summary>Set once the upload went over the limit (read, announced, or unpacked); the sentence for the person.</summary>
    public string? Problem { get; private set; }

    public static UploadGuard Start(HttpContext http, UploadLimit limit)
    {
        var guard = new UploadGuard(limit);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit.Bytes;
        if (http.Request.ContentLength > limit.Bytes)
            guard.Problem = limit.TooLarge;
        http.Request.Body = new LimitedStream(http.Request.Body, guard);
        return guard;
    }

    public void Exceeded(string problem) => Problem ??= problem;

    /// <summary>413 with the sentence, while nothing has been answered yet.</summary>
    public IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Problem ?? Limit.TooLarge);

    /// <summary>The request body, counted; past the limit every read fails with the sentence.</summary>
    private sealed class LimitedStream(Stream inner, UploadGuard guard) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(Guarded(() => inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check();
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken));
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw Over();
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Guarded(Func<int> read)
        {
            Check();
            try
            {
                return read();
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw Over();
            }
        }

        private void Check()
        {
            if (guard.Problem is not null)
                throw new IOException(guard.Problem);
        }

        private int Count(int n)
        {
            _read += n;
            if (_read > guard.Limit.Bytes)
                throw Over();
            return n;
        }

        private IOException Over()
        {
            guard.Exceeded(guard.Limit.TooLarge);
            return new IOException(guard.Problem);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
