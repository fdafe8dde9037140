using Microsoft.AspNetCore.Components;
using Quayside.Engine.Containers;
using Quayside.Engine.Hosts;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Hosts;

/// <summary>Every container of every host in one list, with a host column and filter, and bulk actions across hosts.</summary>
public partial class AllContainers
{
    private readonly HashSet<string> _hosts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _states = new(StringComparer.Ordinal);
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private string _search = "";
    private bool _busy;
    private IReadOnlyList<HostOutcome> _outcomes = [];
    private ConfirmRequest? _confirm;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    private ContainerFilter Filter => new() { States = [.. _states], Search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim() };

    private IEnumerable<EngineHost> HostsShown() => Hosts.Where(h => _hosts.Count == 0 || _hosts.Contains(h.Name));

    private IReadOnlyList<HostedContainer> Rows() => AllHosts.Containers(Hosts, Filter, _hosts);

    private static string Key(HostedContainer r) => r.Host.Name + "\n" + r.Container.Id;

    private void ToggleHost(string name)
    {
        if (!_hosts.Remove(name))
            _hosts.Add(name);
    }

    private void ToggleState(string state)
    {
        if (!_states.Remove(state))
            _states.Add(state);
    }

    private void ToggleSelected(HostedContainer r)
    {
        if (!_selected.Remove(Key(r)))
            _selected.Add(Key(r));
    }

    private async Task ActAsync(IReadOnlyList<HostedContainer> rows, string action, bool force = false)
    {
        _busy = true;
        try
        {
            var request = new AllHostsActionRequest([.. rows.Select(r => new HostTarget(r.Host.Name, r.Container.Id))], Force: force);
            _outcomes = await AllHostsFeature.ActAsync(Registry, action, request, CancellationToken.None);
            if (action == "remove")
                _selected.Clear();
        }
        finally
        {
            _busy = false;
        }
    }

    private void AskRemove(IReadOnlyList<HostedContainer> rows)
    {
        var running = rows.Any(r => r.Container.State is "running" or "restarting" or "paused");
        _confirm = new ConfirmRequest("Remove containers on several hosts?",
            running ? "These containers go, with their writable layers; the running ones are stopped first (-f). Their volumes stay."
                : "These containers go, with their writable layers. Their volumes stay.",
            [.. rows.Select(r => $"{r.Container.Name} on {r.Host.Name}")], "Remove", () => ActAsync(rows, "remove", force: running));
    }
}
