namespace Quayside.Engine.Logs;

/// <summary>
/// Reads the timestamp the engine puts before each of its log messages when asked for (<c>2024-05-01T10:00:00.000000001Z </c>),
/// up to its space, over as many feeds as it arrives in.
/// </summary>
internal sealed class MessageTimestamp
{
    private const int MaxBytes = 40; // the engine's are 30 bytes

    private readonly byte[] _held = new byte[MaxBytes];
    private int _length;

    /// <summary>The next bytes begin a message.</summary>
    public bool Expected { get; set; } = true;

    public int HeldCapacity => _held.Length;

    public enum Step
    {
        /// <summary>All bytes were taken; the timestamp goes on in the next feed.</summary>
        NeedMore,

        /// <summary><c>value</c> is the timestamp; <c>bytes</c> now starts after its space.</summary>
        Found,

        /// <summary>The message has no timestamp: <c>value</c> holds bytes taken earlier, which are text, and <c>bytes</c> is unchanged.</summary>
        None,
    }

    /// <summary>Takes the timestamp's bytes from the start of <paramref name="bytes"/>; only when <see cref="Expected"/>.</summary>
    public Step Take(ref ReadOnlySpan<byte> bytes, out ReadOnlySpan<byte> value)
    {
        if (_length == 0 && bytes[0] is < (byte)'0' or > (byte)'9')
        {
            value = Abandon();
            return Step.None;
        }
        var window = bytes[..Math.Min(bytes.Length, MaxBytes - _length + 1)];
        var space = window.IndexOf((byte)' ');
        var newline = window.IndexOf((byte)'\n');
        if (space >= 0 && (newline < 0 || space < newline))
        {
            window[..space].CopyTo(_held.AsSpan(_length));
            value = _held.AsSpan(0, _length + space);
            _length = 0;
            Expected = false;
            bytes = bytes[(space + 1)..];
            return Step.Found;
        }
        if (newline >= 0 || window.Length > MaxBytes - _length)
        {
            value = Abandon();
            return Step.None;
        }
        window.CopyTo(_held.AsSpan(_length));
        _length += window.Length;
        bytes = bytes[window.Length..];
        value = default;
        return Step.NeedMore;
    }

    /// <summary>Ends the wait for a timestamp (a new message began, or the stream ended): what was taken is text.</summary>
    public ReadOnlySpan<byte> Abandon()
    {
        Expected = false;
        var held = _held.AsSpan(0, _length);
        _length = 0;
        return held;
    }
}
