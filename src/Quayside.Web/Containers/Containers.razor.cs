using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Containers;

public partial class Containers : ListPageBase
{
    private readonly HashSet<string> _states = [];
    private readonly HashSet<string> _expandedLabels = [];
    private string _name = "", _image = "", _labels = "", _search = "";
    private string _sortKey = "name";
    private bool _sortDescending;
    private bool _showSizes;
    private string? _sizesError;
    private IReadOnlyDictionary<string, (long? Rw, long? RootFs)>? _sizes;
    private int _stopTimeout = 10;
    private string _signal = "SIGKILL";
    private bool _forceRemove, _removeVolumes;
    private string? _renameTarget;
    private string _renameTo = "";
    private string? _renameError;

    private ContainerActions Actions => HostService<ContainerActions>();
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private SelfContainer Self { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private HashSet<string> _columns = [.. ContainerColumns.Defaults];

    private const string SelfWarning = "This is the Quayside container; stopping it ends this page.";

    private ContainerFilter Filter => new()
    {
        States = [.. _states],
        Name = NullIfBlank(_name),
        Image = NullIfBlank(_image),
        Labels = _labels.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Search = NullIfBlank(_search),
    };

    /// <summary>The rows for a filter that has passed validation.</summary>
    private List<ContainerSummary> Rows(ContainerFilter filter) =>
        [.. ContainerSort.Apply(ContainerQuery.Apply(Model, filter), _sortKey, _sortDescending, Model)];

    private string ListCli(ContainerFilter filter) => DockerCli.Ps(filter with { Search = null }, _showSizes);

    private string BrowserHost => new Uri(Nav.BaseUri).Host;

    private string PortHref(PortBinding port) =>
        $"http://{(string.IsNullOrEmpty(port.Ip) || port.Ip is "0.0.0.0" or "::" ? BrowserHost : port.Ip.Contains(':') ? $"[{port.Ip}]" : port.Ip)}:{port.PublicPort}/";

    private bool Shows(string column) => _columns.Contains(column);

    /// <summary>The columns chosen earlier in this browser; read after the first render, as prerendering has no browser.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        try
        {
            _columns = ContainerColumns.Parse(await JS.InvokeAsync<string?>("quayside.loadSetting", ContainerColumns.StorageKey));
            StateHasChanged();
        }
        catch (JSDisconnectedException)
        {
        }
    }

    private async Task ToggleColumnAsync(string column)
    {
        if (!_columns.Remove(column))
            _columns.Add(column);
        await JS.InvokeVoidAsync("quayside.saveSetting", ContainerColumns.StorageKey, ContainerColumns.Serialize(_columns));
    }

    private void ToggleState(string state)
    {
        if (!_states.Remove(state))
            _states.Add(state);
    }

    private void SortBy(string key)
    {
        _sortDescending = _sortKey == key && !_sortDescending;
        _sortKey = key;
    }

    private string SortMark(string key) => _sortKey != key ? "" : _sortDescending ? " ▼" : " ▲";

    private void ToggleAll(List<ContainerSummary> rows)
    {
        if (rows.All(r => Selected.Contains(r.Id)))
            Selected.Clear();
        else
            Selected.UnionWith(rows.Select(r => r.Id));
    }

    private List<ContainerSummary> SelectedContainers() =>
        [.. Selected.Select(id => Model.Containers.GetValueOrDefault(id)).OfType<ContainerSummary>()];

    private async Task ToggleSizesAsync()
    {
        _showSizes = !_showSizes;
        _sizes = null;
        _sizesError = null;
        if (!_showSizes)
            return;
        try
        {
            _sizes = await Actions.SizesAsync();
        }
        catch (Exception e)
        {
            _sizesError = Quayside.Engine.Errors.EngineErrorTranslator.Translate(e, Model.Client.Endpoint).ToString();
        }
    }

    private static IReadOnlyList<string> Ids(IEnumerable<ContainerSummary> cs) => [.. cs.Select(c => c.Id)];

    private Task StartAsync(IReadOnlyList<ContainerSummary> cs) => RunAsync(() => Actions.StartAsync(Ids(cs)));
    private Task StopAsync(IReadOnlyList<ContainerSummary> cs) => AskIfSelf(cs, "Stop", Actions.PlanStop(Ids(cs), _stopTimeout));
    private Task RestartAsync(IReadOnlyList<ContainerSummary> cs) => RunAsync(() => Actions.RestartAsync(Ids(cs), _stopTimeout));
    private Task PauseAsync(IReadOnlyList<ContainerSummary> cs) => AskIfSelf(cs, "Pause", Actions.PlanPause(Ids(cs)));
    private Task UnpauseAsync(IReadOnlyList<ContainerSummary> cs) => RunAsync(() => Actions.UnpauseAsync(Ids(cs)));

    private bool IncludesSelf(IEnumerable<ContainerSummary> cs) => cs.Any(c => Self.Is(c.Id));

    private string WithSelfWarning(IEnumerable<ContainerSummary> cs, string question) => IncludesSelf(cs) ? $"{question} {SelfWarning}" : question;

    /// <summary>Stop and pause act at once, except on Quayside's own container, where they end this page: that asks first.</summary>
    private Task AskIfSelf(IReadOnlyList<ContainerSummary> cs, string verb, ActionPlan plan)
    {
        if (!IncludesSelf(cs))
            return RunAsync(() => plan.RunAsync());
        Confirm = new ConfirmRequest($"{verb} the Quayside container?", SelfWarning, [.. cs.Select(c => c.Name)], verb, () => RunAsync(() => plan.RunAsync()))
        { Cli = plan.Cli };
        return Task.CompletedTask;
    }

    private void AskKill(IReadOnlyList<ContainerSummary> cs)
    {
        var signal = _signal;
        AskToRun(Actions.PlanKill(Ids(cs), signal), $"Send {signal}?",
            WithSelfWarning(cs, $"{signal} goes to the main process of {cs.Count} container{(cs.Count == 1 ? "" : "s")}; with SIGKILL they stop at once, without cleaning up."),
            [.. cs.Select(c => c.Name)], $"Send {signal}");
    }

    private void AskRemove(IReadOnlyList<ContainerSummary> cs)
    {
        _forceRemove = cs.Any(c => !c.IsStopped);
        _removeVolumes = false;
        Confirm = new ConfirmRequest("Remove containers?",
            WithSelfWarning(cs, (cs.Count == 1 ? "This container and its writable layer" : $"These {cs.Count} containers and their writable layers") + " will be deleted. This cannot be undone."),
            [.. cs.Select(c => $"{c.Name} ({c.StateLabel})")], "Remove", () => RunAsync(() => RemovePlan(cs).RunAsync()))
        { Cli = RemovePlan(cs).Cli, Options = RemoveOptions(cs) };
    }

    private void AskPrune()
    {
        var stopped = Model.Containers.Values.Where(c => c.IsStopped).OrderBy(c => c.Name).ToList();
        var plan = Actions.PlanPrune();
        Confirm = new ConfirmRequest("Remove stopped containers?",
            $"Every stopped container ({stopped.Count}) will be deleted with its writable layer.",
            [.. stopped.Select(c => $"{c.Name} ({c.StateLabel})")], "Remove stopped", () => RunAsync(() => plan.RunAsync()))
        { Cli = plan.Cli };
    }

    /// <summary>The removal as the dialog's options stand: read again when they change and when confirmed.</summary>
    private ActionPlan RemovePlan(IReadOnlyList<ContainerSummary> cs) => Actions.PlanRemove(Ids(cs), _forceRemove, _removeVolumes);

    private void RefreshRemoveCli(IReadOnlyList<ContainerSummary> cs)
    {
        if (Confirm is not null)
            Confirm = Confirm with { Cli = RemovePlan(cs).Cli };
    }

    private void BeginRename(ContainerSummary c)
    {
        _renameTarget = c.Id;
        _renameTo = c.Name;
        _renameError = null;
    }

    private async Task RenameAsync()
    {
        if (_renameTarget is null)
            return;
        _renameError = await RunFormAsync(Actions.PlanRename(_renameTarget, _renameTo));
        if (_renameError is null)
            _renameTarget = null;
    }

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

}
