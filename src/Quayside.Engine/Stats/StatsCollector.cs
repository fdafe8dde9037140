using System.Text.Json;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Stats;

/// <summary>
/// Reads one container's stats stream (the engine sends an object per second) and keeps the last
/// <see cref="Capacity"/> samples. One per container, shared by every viewer through <see cref="StatsHub"/>.
/// </summary>
public sealed class StatsCollector : IAsyncDisposable
{
    public const int Capacity = 300; // five minutes at one sample per second
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly EngineClient _client;
    private readonly Queue<StatsSample> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private volatile StatsSample? _latest;
    private volatile string? _problem;

    public StatsCollector(EngineClient client, string containerId)
    {
        _client = client;
        ContainerId = containerId;
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    public string ContainerId { get; }

    /// <summary>Raised on a background thread for every new sample.</summary>
    public event Action<StatsSample>? Sampled;

    public StatsSample? Latest => _latest;

    /// <summary>Why the stream is not delivering, in words; null while it is.</summary>
    public string? Problem => _problem;

    public bool IsStopped => _run.IsCompleted;

    public IReadOnlyList<StatsSample> Samples
    {
        get
        {
            lock (_samples)
                return [.. _samples];
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var path = EngineRoutes.ContainerStats(ContainerId, stream: true);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var stream = await _client.OpenStreamAsync(path, ct);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line.Length == 0)
                        continue;
                    var sample = StatsSample.From(JsonSerializer.Deserialize<EngineStats>(line, EngineClient.Json)!);
                    Add(sample);
                }
                _problem = "The engine ended the stats stream (has the container stopped?).";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _problem = EngineErrorTranslator.Translate(e, _client.Endpoint).ToString();
            }
            try
            {
                await Task.Delay(RetryDelay, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Add(StatsSample sample)
    {
        lock (_samples)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > Capacity)
                _samples.Dequeue();
        }
        _latest = sample;
        _problem = null;
        Sampled?.Invoke(sample);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
