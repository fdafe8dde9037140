using System.Buffers.Binary;
using System.Text;
using Quayside.Engine.Connection;

namespace Quayside.Engine.Consoles;

/// <summary>
/// One live terminal: the bytes of an exec (or an attach) in both directions, its TTY size, and how it ended.
/// Dispose ends the exec's process when it still runs (the engine has no exec kill).
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    private const int KeptOutput = 2048;
    private readonly ConsoleService _service;
    private readonly HijackedConnection _connection;
    private readonly bool _multiplexed;
    private readonly MemoryStream _firstOutput = new();
    private readonly byte[] _header = new byte[8];
    private int _frameLeft;
    private bool _ended;

    internal ConsoleSession(ConsoleService service, HijackedConnection connection, string containerId, string? execId, string? marker, bool multiplexed)
    {
        _service = service;
        _connection = connection;
        ContainerId = containerId;
        ExecId = execId;
        Marker = marker;
        _multiplexed = multiplexed;
    }

    public string ContainerId { get; }

    /// <summary>The exec's id; null for an attach to the main process.</summary>
    public string? ExecId { get; }

    /// <summary>An environment entry only this session's processes carry, to find them again to end them.</summary>
    internal string? Marker { get; }

    /// <summary>Reads output (stdout and stderr together); 0 at the end.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        if (_multiplexed)
        {
            while (_frameLeft == 0)
            {
                if (!await _connection.ReadExactlyAsync(_header, ct))
                    return 0;
                _frameLeft = (int)BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
            }
            buffer = buffer[..Math.Min(buffer.Length, _frameLeft)];
        }
        var n = await _connection.ReadAsync(buffer, ct);
        if (_multiplexed)
            _frameLeft -= n;
        if (_firstOutput.Length < KeptOutput)
            _firstOutput.Write(buffer.Span[..Math.Min(n, KeptOutput - (int)_firstOutput.Length)]);
        return n;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> input, CancellationToken ct) => _connection.WriteAsync(input, ct);

    public Task ResizeAsync(int rows, int cols, CancellationToken ct) => _service.ResizeAsync(this, rows, cols, ct);

    /// <summary>After the output ended: the exit code, or that the command was not found, or that the user detached.</summary>
    public async Task<ConsoleEnd> EndAsync(CancellationToken ct)
    {
        _ended = true;
        return await _service.OutcomeAsync(this, Encoding.UTF8.GetString(_firstOutput.ToArray()), ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.CloseInputAsync();
        if (!_ended && ExecId is not null)
            await _service.EndProcessAsync(this);
        await _connection.DisposeAsync();
    }
}
