using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Networks;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Networks;

public partial class NetworkDetail : ListPageBase
{
    private JsonNode? _inspect;
    private string _members = "";
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _aliases = new Dictionary<string, IReadOnlyList<string>>();
    private string _container = "", _aliasText = "", _ip = "";
    private string? _connectProblem;

    [Parameter] public string Id { get; set; } = "";

    private NetworkSummary? Network => Model.FindNetwork(Id);

    protected override async Task OnParametersSetAsync() => await ReloadIfMembersChangedAsync(force: true);

    // Addresses and aliases are only in the network's inspect: re-read it when the set of attached containers (or their state) changes.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (await ReloadIfMembersChangedAsync(force: false))
            StateHasChanged();
    }

    private async Task<bool> ReloadIfMembersChangedAsync(bool force)
    {
        if (Network is not { } network)
            return false;
        var members = string.Join(",", Model.ContainersOnNetwork(network.Name).Select(c => c.Id + c.State));
        if (!force && members == _members)
            return false;
        _members = members;
        try
        {
            _inspect = await Actions.InspectAsync(network.Id);
        }
        catch (Exception)
        {
            _inspect = null; // Removed meanwhile: the page says so from the model.
        }
        _aliases = await Actions.AliasesAsync(network.Name, [.. Model.ContainersOnNetwork(network.Name).Select(c => c.Id)]);
        return true;
    }

    private JsonNode? Endpoint(string containerId) => _inspect?["Containers"]?[containerId];

    private IReadOnlyList<string> Aliases(string containerId) => _aliases.GetValueOrDefault(containerId) ?? [];

    private async Task ConnectAsync()
    {
        if (Network is not { } network)
            return;
        var plan = Actions.PlanConnect(network.Id, _container, _aliasText, _ip);
        _connectProblem = plan.Problem;
        if (_connectProblem is not null)
            return;
        await RunAsync(() => plan.RunAsync());
        if (Outcome?.Ok == true)
            _container = _aliasText = _ip = "";
    }

    private void AskDisconnect(string container)
    {
        if (Network is not { } network)
            return;
        var plan = Actions.PlanDisconnect(network.Id, container, force: false);
        Confirm = new ConfirmRequest($"Disconnect {container}?", $"{container} will lose its address on {network.Name}.", [container], "Disconnect",
            () => RunAsync(() => plan.RunAsync()))
        { Cli = plan.Cli };
    }

    private void AskRemove()
    {
        if (Network is not { } network)
            return;
        var plan = Actions.PlanRemove([network.Id]);
        Confirm = new ConfirmRequest("Remove network?", $"The network {network.Name} will be removed.",
            [$"{network.Name} ({Model.ContainersOnNetwork(network.Name).Count} container(s) attached)"], "Remove",
            () => RunAsync(() => plan.RunAsync()))
        { Cli = plan.Cli };
    }
}
