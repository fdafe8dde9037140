using Microsoft.AspNetCore.Components;
using Quayside.Engine.Actions;
using Quayside.Engine.DockerSystem;
using Quayside.Engine.Volumes;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Volumes;

public partial class Volumes : ListPageBase
{
    private string _search = "";
    private bool _unusedOnly, _force, _creating, _sizesLoading;
    private string _name = "", _driver = "local", _options = "", _labels = "";
    private string _pruneLabel = "";
    private IReadOnlyList<string> _createProblems = [];
    private IReadOnlyDictionary<string, VolumeUsage> _sizes = new Dictionary<string, VolumeUsage>();
    private string? _sizesError;

    private VolumeActions Actions => HostService<VolumeActions>();
    private SystemActions Daemon => HostService<SystemActions>();

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
            await LoadSizesAsync();
    }

    private List<VolumeSummary> Rows()
    {
        var search = _search.Trim();
        return [.. Model.Volumes.Values.Where(v =>
                (!_unusedOnly || VolumeQuery.IsUnused(Model, v))
                && (search.Length == 0 || v.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                    || v.Driver.Contains(search, StringComparison.OrdinalIgnoreCase)
                    || v.LabelsOrEmpty.Any(l => $"{l.Key}={l.Value}".Contains(search, StringComparison.OrdinalIgnoreCase))))
            .OrderBy(v => v.IsAnonymous).ThenBy(v => v.Name, StringComparer.Ordinal)];
    }

    private List<string> SelectedNames() => [.. Selected.Where(Model.Volumes.ContainsKey)];

    private static string Short(string name) => name.Length == 64 ? name[..12] + "…" : name;

    private string SizeOf(string name) => _sizes.TryGetValue(name, out var u) ? ByteSize.Format(u.Size) : _sizesLoading ? "…" : "—";

    private async Task LoadSizesAsync()
    {
        _sizesLoading = true;
        try
        {
            var df = await Daemon.DiskUsageAsync();
            _sizes = (df.Volumes ?? []).Where(v => v.UsageData is not null).ToDictionary(v => v.Name, v => v.UsageData!);
            _sizesError = null;
        }
        catch (Exception e)
        {
            _sizesError = "Could not read the sizes: " + Engine.Errors.EngineErrorTranslator.Translate(e, Model.Client.Endpoint);
        }
        finally
        {
            _sizesLoading = false;
        }
    }

    private ActionPlan CreatePlan()
    {
        var (options, optionsProblem) = InputRules.KeyValueLines(_options, "driver option");
        var (labels, labelsProblem) = InputRules.KeyValueLines(_labels, "label");
        var spec = new VolumeSpec { Name = _name.Trim(), Driver = _driver.Trim(), DriverOptions = options, Labels = labels };
        return Actions.PlanCreate(spec).AlsoRefusedFor(
            string.IsNullOrWhiteSpace(_driver) ? "A driver is required; 'local' is the engine's own." : null, optionsProblem, labelsProblem);
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
            _name = _options = _labels = "";
        }
    }

    private void AskRemove(IReadOnlyList<string> names)
    {
        _force = false;
        Confirm = new ConfirmRequest("Remove volumes?",
            (names.Count == 1 ? "This volume" : $"These {names.Count} volumes") + " and all the data in them will be deleted.",
            [.. names.Select(n => $"{n} ({SizeOf(n)}, used by {Model.ContainersUsingVolume(n).Count} container(s))")], "Remove",
            () => RunAsync(() => Actions.PlanRemove(names, _force).RunAsync()))
        { Cli = Actions.PlanRemove(names, false).Cli, Options = ForceOption(names) };
    }

    private void RefreshRemoveCli(IReadOnlyList<string> names)
    {
        if (Confirm is not null)
            Confirm = Confirm with { Cli = Actions.PlanRemove(names, _force).Cli };
    }

    private void AskPrune()
    {
        var label = PruneLabel.Normalize(_pruneLabel);
        AskToRun(Actions.PlanPrune(label), "Remove unused volumes?",
            "Every local volume no container (running or stopped) uses will be deleted with its data — named and anonymous alike on this engine (20.10)"
                + (label is null ? "." : $", among those labelled {label}."),
            [.. VolumeQuery.PruneCandidates(Model, label).Select(v => $"{v.Name} ({SizeOf(v.Name)})")], "Prune", LoadSizesAsync);
    }
}
