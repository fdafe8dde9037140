using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quayside.Engine.Connection;
using Quayside.Engine.Containers;
using Quayside.Engine.Errors;
using Quayside.Engine.Images;
using Quayside.Engine.Networks;
using Quayside.Engine.Volumes;

namespace Quayside.Engine.Model;

/// <summary>
/// The in-memory picture of one engine's containers, images, volumes and networks, loaded once and then kept current by the
/// engine's events stream (never by polling). One per engine, shared by every browser. Readers get immutable
/// snapshots; a single worker applies changes, coalescing bursts of events.
/// </summary>
public sealed class HostModel
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private const int FullReloadThreshold = 40;

    private readonly EngineClient _client;
    private readonly ILogger _log;
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, byte> _dirtyContainers = new();
    // The engine can send an event (e.g. pause) before its list shows the new state; these get one more read shortly after.
    private readonly ConcurrentDictionary<string, byte> _settleContainers = new();
    // Under load the list can lag longer: while it contradicts the state an event implied, re-read with back-off.
    private readonly ConcurrentDictionary<string, (string State, int Attempt)> _expectedStates = new();
    private const int MaxExpectationAttempts = 5;
    private readonly ConcurrentDictionary<string, string> _platforms = new();
    private readonly ConcurrentDictionary<string, (string State, ContainerRunState Run)> _readRunStates = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _imagesDirty, _volumesDirty, _networksDirty;
    private volatile ImmutableDictionary<string, ContainerSummary> _containers = ImmutableDictionary<string, ContainerSummary>.Empty;
    private volatile IReadOnlyDictionary<string, int> _imageUsage = new Dictionary<string, int>();
    private volatile ImmutableDictionary<string, ImageSummary> _images = ImmutableDictionary<string, ImageSummary>.Empty;
    private volatile EngineStatus _status;
    private volatile ImmutableDictionary<string, VolumeSummary> _volumes = ImmutableDictionary<string, VolumeSummary>.Empty;
    private volatile ImmutableDictionary<string, NetworkSummary> _networks = ImmutableDictionary<string, NetworkSummary>.Empty;
    private volatile IReadOnlyDictionary<string, IReadOnlyList<ContainerSummary>> _volumeUsers = new Dictionary<string, IReadOnlyList<ContainerSummary>>();
    private volatile IReadOnlyDictionary<string, IReadOnlyList<ContainerSummary>> _networkMembers = new Dictionary<string, IReadOnlyList<ContainerSummary>>();
    private readonly RecentEvents _recentEvents = new(RecentEventsKept);

    /// <summary>How many raw engine events the model keeps for a page that opens later.</summary>
    public const int RecentEventsKept = 1000;

    public HostModel(EngineClient client, ILogger<HostModel>? log = null)
    {
        _client = client;
        _log = log ?? NullLogger<HostModel>.Instance;
        _status = new EngineStatus(EngineConnectionState.Connecting, client.Endpoint.Address, null, DateTimeOffset.UtcNow);
    }

    /// <summary>Raised (on a background thread) after the lists or the connection status changed.</summary>
    public event Action? Changed;

    /// <summary>How many handlers listen to <see cref="Changed"/> now: one per open live view.</summary>
    public int ChangedListenerCount => Changed?.GetInvocationList().Length ?? 0;

    public EngineClient Client => _client;
    public EngineStatus Status => _status;
    public IReadOnlyDictionary<string, ContainerSummary> Containers => _containers;
    public IReadOnlyDictionary<string, ImageSummary> Images => _images;

    /// <summary>Volumes by name.</summary>
    public IReadOnlyDictionary<string, VolumeSummary> Volumes => _volumes;

    /// <summary>Networks by id.</summary>
    public IReadOnlyDictionary<string, NetworkSummary> Networks => _networks;

    /// <summary>
    /// Raised on the events reader's thread for every engine event, of any type, as soon as it is read (before the
    /// lists are updated). Handlers must be quick and must not throw.
    /// </summary>
    public event Action<EngineEvent>? EventReceived;

    /// <summary>The last <see cref="RecentEventsKept"/> engine events seen since the app started, oldest first.</summary>
    public IReadOnlyList<EngineEvent> RecentEvents => _recentEvents.Snapshot();

    /// <summary>The containers (any state) that mount the named volume; counted once per change of the container list.</summary>
    public IReadOnlyList<ContainerSummary> ContainersUsingVolume(string volumeName) => _volumeUsers.GetValueOrDefault(volumeName) ?? [];

    /// <summary>The containers attached to the named network, as the container list reports them.</summary>
    public IReadOnlyList<ContainerSummary> ContainersOnNetwork(string networkName) => _networkMembers.GetValueOrDefault(networkName) ?? [];

    public NetworkSummary? FindNetwork(string idOrName)
    {
        var snapshot = _networks;
        if (snapshot.TryGetValue(idOrName, out var exact))
            return exact;
        return snapshot.Values.FirstOrDefault(n => n.Name == idOrName)
            ?? (idOrName.Length >= 3 ? snapshot.Values.FirstOrDefault(n => n.Id.StartsWith(idOrName, StringComparison.Ordinal)) : null);
    }

    /// <summary>Completes when the lists have been loaded from the engine the first time.</summary>
    public Task FirstLoad => _firstLoad.Task;

    /// <summary>Waits up to <paramref name="timeout"/> for the first load; false when the engine has not answered by then.</summary>
    public async Task<bool> WaitForFirstLoadAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        if (FirstLoad.IsCompleted)
            return true;
        await Task.WhenAny(FirstLoad, Task.Delay(timeout, ct));
        return FirstLoad.IsCompleted;
    }

    public ContainerSummary? FindContainer(string idOrName)
    {
        var snapshot = _containers;
        if (snapshot.TryGetValue(idOrName, out var exact))
            return exact;
        return snapshot.Values.FirstOrDefault(c => c.AllNames.Contains(idOrName))
            ?? (idOrName.Length >= 3 ? snapshot.Values.FirstOrDefault(c => c.Id.StartsWith(idOrName, StringComparison.Ordinal)) : null);
    }

    public ImageSummary? FindImage(string reference)
    {
        var snapshot = _images;
        if (snapshot.TryGetValue(reference, out var exact))
            return exact;
        var tagged = reference.Contains(':') && !reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference : reference + ":latest";
        return snapshot.Values.FirstOrDefault(i => i.Tags.Contains(tagged) || i.Tags.Contains(reference))
            ?? (reference.Length >= 4 ? snapshot.Values.FirstOrDefault(i => i.Id.StartsWith(reference, StringComparison.Ordinal)
                || i.Id.StartsWith("sha256:" + reference, StringComparison.Ordinal)) : null);
    }

    /// <summary>The tag to show for a container's image, resolved from the image list (the container keeps only what it was created with).</summary>
    public string ImageDisplayName(ContainerSummary container)
    {
        if (_images.TryGetValue(container.ImageId, out var image) && image.Tags.Count > 0)
            return image.Tags.Contains(container.Image) ? container.Image : image.Tags[0];
        return container.Image.StartsWith("sha256:", StringComparison.Ordinal) ? ImageSummary.ShortenId(container.Image) : container.Image;
    }

    /// <summary>How many containers, running or stopped, use each image id; counted once per change of the container list.</summary>
    public IReadOnlyDictionary<string, int> ImageUsage => _imageUsage;

    public int ContainersUsing(string imageId) => _imageUsage.GetValueOrDefault(imageId);

    /// <summary>Runs until cancelled: connect, load, follow events; on any failure report it and reconnect with back-off.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stopping.IsCancellationRequested)
        {
            using var session = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            try
            {
                // Subscribe before listing, so nothing that happens during the load is missed.
                // Every type: the model follows four of them, the events page shows them all.
                await using var events = await _client.OpenStreamAsync(EngineRoutes.Events(), session.Token);
                var version = await _client.GetAsync<EngineVersion>(EngineRoutes.Version(), session.Token);
                _client.EngineApiVersion = ApiVersion.ParseOrNull(version.ApiVersion);
                var capacity = await _client.GetAsync<EngineCapacity>(EngineRoutes.Info(), session.Token);
                await ReloadContainersAsync(session.Token);
                await ReloadImagesAsync(session.Token);
                await ReloadVolumesAsync(session.Token);
                await ReloadNetworksAsync(session.Token);
                SetStatus(new EngineStatus(EngineConnectionState.Connected, _client.Endpoint.Address, null, DateTimeOffset.UtcNow, version, capacity));
                _firstLoad.TrySetResult();
                backoff = TimeSpan.FromMilliseconds(250);

                var worker = ApplyChangesAsync(session.Token);
                var reader = ReadEventsAsync(events, session.Token);
                var first = await Task.WhenAny(worker, reader);
                await session.CancelAsync();
                await Task.WhenAll(worker, reader).ContinueWith(_ => { }, TaskScheduler.Default);
                if (first.IsFaulted)
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first.Exception!.GetBaseException());
                stopping.ThrowIfCancellationRequested();
                throw new IOException("the engine closed its events stream");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var problem = EngineErrorTranslator.Translate(e, _client.Endpoint);
                if (_status.State != EngineConnectionState.Unreachable || _status.Problem?.Message != problem.Message)
                    _log.LogWarning("Docker engine unreachable: {Problem}", problem.ToString());
                SetStatus(new EngineStatus(EngineConnectionState.Unreachable, _client.Endpoint.Address, problem,
                    _status.State == EngineConnectionState.Unreachable ? _status.Since : DateTimeOffset.UtcNow));
            }
            try
            {
                await Task.Delay(backoff, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task ReadEventsAsync(Stream events, CancellationToken ct)
    {
        using var reader = new StreamReader(events);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var e = JsonSerializer.Deserialize<EngineEvent>(line, EngineClient.Json);
            if (e is null)
                continue;
            Publish(e);
            if (e.ChangesContainerList && e.Actor.Id.Length > 0)
            {
                _dirtyContainers[e.Actor.Id] = 0;
                if (e.ImpliedContainerState is { } state)
                    _expectedStates[e.Actor.Id] = (state, 0);
            }
            else if (e.ChangesImageList)
                _imagesDirty = true;
            else if (e.ChangesVolumeList)
                _volumesDirty = true;
            else if (e.ChangesNetworkList)
                _networksDirty = true;
            else if (e.ConnectedContainer is { Length: > 0 } container)
                _dirtyContainers[container] = 0;
            else
                continue;
            _wake.Release();
        }
    }

    private async Task ApplyChangesAsync(CancellationToken ct)
    {
        while (true)
        {
            await _wake.WaitAsync(ct);
            while (_wake.CurrentCount > 0)
                await _wake.WaitAsync(ct);

            if (_imagesDirty)
            {
                _imagesDirty = false;
                await ReloadImagesAsync(ct);
            }
            if (_volumesDirty)
            {
                _volumesDirty = false;
                await ReloadVolumesAsync(ct);
            }
            if (_networksDirty)
            {
                _networksDirty = false;
                await ReloadNetworksAsync(ct);
            }
            var ids = Drain(_dirtyContainers);
            var settling = Drain(_settleContainers).Except(ids).ToList();
            if (ids.Count > FullReloadThreshold)
                await ReloadContainersAsync(ct);
            else if (ids.Count + settling.Count > 0)
                await RefreshContainersAsync([.. ids, .. settling], ct);
            if (ids.Count > 0)
                _ = SettleLaterAsync(ids, SettleDelay, ct);
            ApplyRunStates();
            CheckExpectedStates(ct);
            RaiseChanged();
        }
    }

    private void CheckExpectedStates(CancellationToken ct)
    {
        foreach (var (id, expected) in _expectedStates)
        {
            var actual = _containers.GetValueOrDefault(id)?.State;
            if (actual is null || actual == expected.State || expected.Attempt >= MaxExpectationAttempts)
                _expectedStates.TryRemove(id, out _);
            else
            {
                _expectedStates[id] = expected with { Attempt = expected.Attempt + 1 };
                _ = SettleLaterAsync([id], TimeSpan.FromMilliseconds(100 << expected.Attempt), ct);
            }
        }
    }

    private async Task SettleLaterAsync(IReadOnlyList<string> ids, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        foreach (var id in ids)
            _settleContainers[id] = 0;
        _wake.Release();
    }

    private static List<string> Drain(ConcurrentDictionary<string, byte> set)
    {
        var keys = set.Keys.ToList();
        foreach (var key in keys)
            set.TryRemove(key, out _);
        return keys;
    }

    private async Task ReloadContainersAsync(CancellationToken ct)
    {
        var list = await ListContainersAsync(EngineRoutes.ContainersList(all: true), ct);
        PublishContainers(list.ToImmutableDictionary(c => c.Id));
    }

    private async Task RefreshContainersAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var list = await ListContainersAsync(EngineRoutes.ContainersList(all: true, filters: EngineRoutes.Filter("id", [.. ids])), ct);
        var builder = _containers.ToBuilder();
        foreach (var id in ids)
            builder.Remove(id);
        foreach (var c in list.Where(c => ids.Contains(c.Id)))
            builder[c.Id] = c;
        PublishContainers(builder.ToImmutable());
    }

    private async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(string path, CancellationToken ct)
    {
        var askedAt = DateTimeOffset.UtcNow;
        var list = await _client.GetAsync<List<ContainerSummary>>(path, ct);
        return WithRunStates(list, askedAt, DateTimeOffset.UtcNow, ct);
    }

    /// <summary>
    /// Adds the start and finish times the status text is made of, which only inspect has. A container keeps the times the
    /// model holds while they still explain the engine's own text at the moment of listing (the engine made it between
    /// <paramref name="askedAt"/> and <paramref name="answeredAt"/>). A new one, a state change, a restart or a new health
    /// status does not: it shows the engine's fresh text while its inspect runs beside the worker, so a slow inspect never
    /// delays the list.
    /// </summary>
    private List<ContainerSummary> WithRunStates(List<ContainerSummary> listed, DateTimeOffset askedAt, DateTimeOffset answeredAt, CancellationToken ct)
    {
        var known = _containers;
        var unexplained = new List<string>();
        var result = listed.Select(c =>
        {
            if (known.GetValueOrDefault(c.Id)?.Run is { } run
                && (ContainerStatusText.Describe(c.State, run, askedAt) == c.Status || ContainerStatusText.Describe(c.State, run, answeredAt) == c.Status))
                return c with { Run = run };
            unexplained.Add(c.Id);
            return c;
        }).ToList();
        if (unexplained.Count > 0)
            _ = ReadRunStatesAsync(unexplained, ct);
        return result;
    }

    private async Task ReadRunStatesAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        try
        {
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (id, token) =>
            {
                try
                {
                    var inspected = await _client.GetAsync<ContainerRunState.Inspected>(EngineRoutes.ContainerInspect(id), token);
                    _readRunStates[id] = (inspected.State.Status, inspected.ToRunState());
                }
                catch (EngineApiException)
                {
                    // Removed between the list and the inspect.
                }
            });
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            return; // the session ended; the next load reads them again
        }
        _wake.Release();
    }

    /// <summary>Puts the times read beside the worker into the model, where the container is still in the state they were read in.</summary>
    private void ApplyRunStates()
    {
        if (_readRunStates.IsEmpty)
            return;
        var builder = _containers.ToBuilder();
        foreach (var id in _readRunStates.Keys.ToList())
        {
            if (_readRunStates.TryRemove(id, out var read) && builder.TryGetValue(id, out var c) && c.State == read.State)
                builder[id] = c with { Run = read.Run };
        }
        PublishContainers(builder.ToImmutable());
    }

    private void PublishContainers(ImmutableDictionary<string, ContainerSummary> containers)
    {
        _imageUsage = containers.Values.GroupBy(c => c.ImageId).ToDictionary(g => g.Key, g => g.Count());
        _volumeUsers = containers.Values
            .SelectMany(c => c.Mounts.Where(m => m.Type == "volume" && !string.IsNullOrEmpty(m.Name)).Select(m => (m.Name!, c)))
            .GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => (IReadOnlyList<ContainerSummary>)[.. g.Select(p => p.c).Distinct()]);
        _networkMembers = containers.Values
            .SelectMany(c => c.NetworkNames.Select(n => (n, c)))
            .GroupBy(p => p.n).ToDictionary(g => g.Key, g => (IReadOnlyList<ContainerSummary>)[.. g.Select(p => p.c)]);
        _containers = containers;
    }

    private async Task ReloadImagesAsync(CancellationToken ct)
    {
        var list = await _client.GetAsync<List<ImageSummary>>(EngineRoutes.ImagesList(), ct);
        var unknown = list.Where(i => !_platforms.ContainsKey(i.Id)).ToList();
        await Parallel.ForEachAsync(unknown, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (image, token) =>
        {
            try
            {
                var inspect = await _client.GetAsync<ImagePlatform>(EngineRoutes.ImageInspect(image.Id), token);
                _platforms[image.Id] = inspect.ToString();
            }
            catch (EngineApiException)
            {
                // Removed between the list and the inspect; the next image event reloads the list.
            }
        });
        _images = list.ToImmutableDictionary(i => i.Id, i => i with { Platform = _platforms.GetValueOrDefault(i.Id) });
    }

    private async Task ReloadVolumesAsync(CancellationToken ct)
    {
        var list = await _client.GetAsync<VolumeList>(EngineRoutes.VolumesList(), ct);
        _volumes = (list.Volumes ?? []).ToImmutableDictionary(v => v.Name);
    }

    private async Task ReloadNetworksAsync(CancellationToken ct)
    {
        var list = await _client.GetAsync<List<NetworkSummary>>(EngineRoutes.NetworksList(), ct);
        _networks = list.ToImmutableDictionary(n => n.Id);
    }

    private void Publish(EngineEvent e)
    {
        _recentEvents.Add(e);
        try
        {
            EventReceived?.Invoke(e);
        }
        catch (Exception error)
        {
            _log.LogError(error, "An engine event subscriber failed");
        }
    }

    private void SetStatus(EngineStatus status)
    {
        _status = status;
        RaiseChanged();
    }

    private void RaiseChanged()
    {
        try
        {
            Changed?.Invoke();
        }
        catch (Exception e)
        {
            _log.LogError(e, "A HostModel subscriber failed");
        }
    }

    private sealed record ImagePlatform(string Os = "", string Architecture = "", string? Variant = null)
    {
        public override string ToString() => string.IsNullOrEmpty(Variant) ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
    }
}
