namespace Quayside.Engine.Connection;

/// <summary>A request body written while it is sent (chunked), so a build context or an image tar never sits whole in memory.</summary>
public sealed class StreamingContent : HttpContent
{
    private readonly Func<Stream, CancellationToken, Task> _write;

    public StreamingContent(Func<Stream, CancellationToken, Task> write, string mediaType = "application/x-tar")
    {
        _write = write;
        Headers.ContentType = new(mediaType);
    }

    /// <summary>Sends <paramref name="source"/> as it is read (an upload passed through to the engine).</summary>
    public static StreamingContent From(Stream source, string mediaType = "application/x-tar") =>
        new((target, ct) => source.CopyToAsync(target, 81920, ct), mediaType);

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        _write(stream, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
        _write(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
