using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Quayside.Engine.Connection;
using Quayside.Engine.Model;

namespace Quayside.Engine.Hosts;

/// <summary>
/// Every engine the dashboard reaches, each with its own connection and live model that reconnects with its own
/// back-off: a dead host never slows another, nor the start of the app.
/// </summary>
public sealed class HostRegistry : IAsyncDisposable
{
    private readonly ILoggerFactory? _logs;
    private readonly Func<Type, object?>? _app;
    private readonly object _gate = new();
    private ImmutableSortedDictionary<string, Running> _hosts = ImmutableSortedDictionary<string, Running>.Empty.WithComparers(StringComparer.Ordinal);

    /// <param name="app">Where the hosts' services find what no host owns (loggers, clocks, credentials).</param>
    public HostRegistry(EngineHost defaultHost, ILoggerFactory? logs = null, Func<Type, object?>? app = null)
    {
        _logs = logs;
        _app = app;
        Default = defaultHost;
        _hosts = _hosts.Add(defaultHost.Name, new Running(defaultHost, null, Task.CompletedTask));
    }

    /// <summary>The engine of DOCKER_HOST (or the local socket), kept running by the app itself.</summary>
    public EngineHost Default { get; }

    /// <summary>Raised after a host was added, replaced or removed.</summary>
    public event Action? Changed;

    public IReadOnlyList<EngineHost> All => [Default, .. _hosts.Values.Select(r => r.Host).Where(h => !h.IsDefault)];

    public EngineHost? Find(string? name) =>
        string.IsNullOrEmpty(name) ? Default : _hosts.TryGetValue(name, out var running) ? running.Host : null;

    /// <summary>Connects to the host in the background (its model reports Connecting, then Connected or Unreachable), replacing one of that name.</summary>
    public EngineHost Put(string name, EngineEndpoint endpoint, string? contextName = null)
    {
        if (name == EngineHost.DefaultName)
            throw new ArgumentException($"'{EngineHost.DefaultName}' is the default host's name.", nameof(name));
        var model = new HostModel(new EngineClient(endpoint), _logs?.CreateLogger<HostModel>());
        var host = new EngineHost(name, model, contextName, app: _app);
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => model.RunAsync(stop.Token));
        Running? old;
        lock (_gate)
        {
            _hosts.TryGetValue(name, out old);
            _hosts = _hosts.SetItem(name, new Running(host, stop, run));
        }
        if (old is not null)
            _ = old.StopAsync();
        Changed?.Invoke();
        return host;
    }

    public async Task RemoveAsync(string name)
    {
        Running? old;
        lock (_gate)
        {
            if (name == EngineHost.DefaultName || !_hosts.TryGetValue(name, out old))
                return;
            _hosts = _hosts.Remove(name);
        }
        await old.StopAsync();
        Changed?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        var all = _hosts.Values.ToList();
        _hosts = _hosts.Clear();
        await Task.WhenAll(all.Select(r => r.StopAsync()));
    }

    private sealed record Running(EngineHost Host, CancellationTokenSource? Stop, Task Run)
    {
        public async Task StopAsync()
        {
            if (Stop is null)
                return;
            await Stop.CancelAsync();
            await Run.ContinueWith(_ => { }, TaskScheduler.Default);
            Stop.Dispose();
            await Host.DisposeAsync();
            Host.Client.Dispose();
        }
    }
}
