using Microsoft.AspNetCore.Components;
using Quayside.Engine.Actions;
using Quayside.Engine.DockerSystem;
using Quayside.Engine.Networks;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Networks;

public partial class Networks : ListPageBase
{
    private string _search = "", _pruneLabel = "";
    private bool _creating, _internal, _attachable, _ipv6;
    private string _name = "", _driver = "bridge", _subnet = "", _ipRange = "", _gateway = "", _labels = "";
    private IReadOnlyList<string> _createProblems = [];
    private IReadOnlyList<string> _drivers = ["bridge", "macvlan", "ipvlan", "overlay"];

    private NetworkActions Actions => HostService<NetworkActions>();
    private SystemActions Daemon => HostService<SystemActions>();

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
            return;
        try
        {
            // Installed drivers, minus the ones a user cannot create networks with.
            var info = await Daemon.InfoAsync();
            if (info.Plugins?.Network is { Count: > 0 } drivers)
                _drivers = [.. drivers.Where(d => d is not ("host" or "null")).OrderBy(d => d == "bridge" ? 0 : 1).ThenBy(d => d)];
        }
        catch (Exception)
        {
            // The default list stays; the engine banner already says when the engine is unreachable.
        }
    }

    private List<NetworkSummary> Rows()
    {
        var search = _search.Trim();
        return [.. Model.Networks.Values.Where(n => search.Length == 0
                || n.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || n.Id.StartsWith(search, StringComparison.OrdinalIgnoreCase)
                || n.Driver.Contains(search, StringComparison.OrdinalIgnoreCase) || n.Subnets.Any(s => s.Subnet?.Contains(search) == true))
            .OrderBy(n => !n.IsPredefined).ThenBy(n => n.Name, StringComparer.Ordinal)];
    }

    private List<NetworkSummary> SelectedNetworks() =>
        [.. Selected.Select(id => Model.Networks.GetValueOrDefault(id)).OfType<NetworkSummary>().Where(n => !n.IsPredefined)];

    private static IEnumerable<string> Flags(NetworkSummary n)
    {
        if (n.Internal) yield return "internal";
        if (n.Attachable) yield return "attachable";
        if (n.EnableIPv6) yield return "IPv6";
        if (n.Ingress) yield return "ingress";
    }

    private ActionPlan CreatePlan()
    {
        var (labels, labelsProblem) = InputRules.KeyValueLines(_labels, "label");
        var spec = new NetworkSpec
        {
            Name = _name.Trim(), Driver = _driver, Subnet = _subnet.Trim(), IpRange = _ipRange.Trim(), Gateway = _gateway.Trim(),
            Internal = _internal, Attachable = _attachable, EnableIPv6 = _ipv6, Labels = labels,
        };
        return Actions.PlanCreate(spec).AlsoRefusedFor(labelsProblem);
    }

    private async Task CreateAsync()
    {
        var plan = CreatePlan();
        _createProblems = plan.Problems;
        if (plan.Problem is not null)
            return;
        await RunAsync(() => plan.RunAsync());
        if (Outcome?.Ok == true)
        {
            _creating = false;
            _name = _subnet = _ipRange = _gateway = _labels = "";
        }
    }

    private void AskRemove(IReadOnlyList<NetworkSummary> networks)
    {
        var names = networks.Select(n => n.Name).ToList();
        var plan = Actions.PlanRemove(names);
        Confirm = new ConfirmRequest("Remove networks?",
            networks.Count == 1 ? "This network will be removed." : $"These {networks.Count} networks will be removed.",
            [.. networks.Select(n => $"{n.Name} ({Model.ContainersOnNetwork(n.Name).Count} container(s) attached)")], "Remove",
            () => RunAsync(() => plan.RunAsync()))
        { Cli = plan.Cli };
    }

    private void AskPrune()
    {
        var label = PruneLabel.Normalize(_pruneLabel);
        AskToRun(Actions.PlanPrune(label), "Remove unused networks?",
            "Every network without a running container will be removed, except bridge, host and none (a stopped container does not keep its network)"
                + (label is null ? "." : $", among those labelled {label}."),
            [.. NetworkQuery.PruneCandidates(Model, label).Select(n => n.Name)], "Prune");
    }
}
