using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Quayside.Engine.Events;
using Quayside.Engine.Model;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Events;

/// <summary>
/// The engine's events as they happen (fed by the host model's one events stream), newest first, the last 1,000 kept
/// in the page; or a past range read from the engine's own event log.
/// </summary>
public partial class Events : HostComponentBase, IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<string> _types = [];
    private readonly ConcurrentQueue<EngineEvent> _incoming = new();
    private List<EngineEvent> _events = [];
    private List<EngineEvent> _waiting = [];
    private string _action = "", _name = "";
    private DateTime? _since, _until;
    private bool _paused, _pastRange, _loading;
    private string? _rangeError;
    private RenderThrottle? _throttle;

    private HostModel Model => HostService<HostModel>();

    private EventFilter Filter => new()
    {
        Types = _types,
        Action = _action,
        Name = _name,
        Since = _since is { } s ? new DateTimeOffset(DateTime.SpecifyKind(s, DateTimeKind.Utc)) : null,
        Until = _until is { } u ? new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc)) : null,
    };

    protected override void OnInitialized()
    {
        _events = [.. Model.RecentEvents];
        if (!RendererInfo.IsInteractive)
            return;
        _throttle = new RenderThrottle(RenderInterval, () => InvokeAsync(ShowIncoming));
        Model.EventReceived += OnEvent;
    }

    private void OnEvent(EngineEvent e)
    {
        _incoming.Enqueue(e);
        _throttle?.Changed();
    }

    private void ShowIncoming()
    {
        var batch = new List<EngineEvent>();
        while (_incoming.TryDequeue(out var next))
            batch.Add(next);
        if (_pastRange)
            return;
        if (_paused)
            _waiting = Keep([.. _waiting, .. batch]);
        else
            _events = Keep([.. _events, .. batch]);
        StateHasChanged();
    }

    private static List<EngineEvent> Keep(List<EngineEvent> events) =>
        events.Count <= HostModel.RecentEventsKept ? events : events[^HostModel.RecentEventsKept..];

    private static string? FilterProblem(EventFilter filter) => filter.Validate();

    /// <summary>Newest first. A since/until set without loading the range narrows what the page already holds.</summary>
    private List<EngineEvent> Shown(EventFilter filter) => [.. Enumerable.Reverse(_events).Where(filter.Matches)];

    private void ToggleType(string type)
    {
        if (!_types.Remove(type))
            _types.Add(type);
    }

    private void Resume()
    {
        _events = Keep([.. _events, .. _waiting]);
        _waiting = [];
        _paused = false;
    }

    private void Clear()
    {
        _events = [];
        _waiting = [];
    }

    private async Task LoadRangeAsync()
    {
        _loading = true;
        try
        {
            _events = [.. await EventHistory.ReadAsync(Model.Client, Filter, HostModel.RecentEventsKept, CancellationToken.None)];
            _pastRange = true;
            _rangeError = null;
        }
        catch (Exception e)
        {
            _rangeError = Engine.Errors.EngineErrorTranslator.Translate(e, Model.Client.Endpoint).ToString();
        }
        finally
        {
            _loading = false;
        }
    }

    private void BackToLive()
    {
        _pastRange = false;
        _until = null;
        _events = [.. Model.RecentEvents];
    }

    private static string? ActorHref(EngineEvent e) => e.Actor.Id.Length == 0 || e.Action is "destroy" or "delete" or "untag" ? null : e.Type switch
    {
        "container" => $"/containers/{e.Actor.Id}",
        "image" => $"/images/{Uri.EscapeDataString(e.Actor.Id)}",
        "volume" => $"/volumes/{Uri.EscapeDataString(e.Actor.Id)}",
        "network" => $"/networks/{e.Actor.Id}",
        _ => null,
    };

    public void Dispose()
    {
        Model.EventReceived -= OnEvent;
        _throttle?.Dispose();
        GC.SuppressFinalize(this);
    }
}
