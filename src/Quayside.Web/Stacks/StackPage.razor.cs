using Microsoft.AspNetCore.Components;
using Quayside.Engine.Stacks;
using Quayside.Web.Components.Shared;
using Quayside.Web.Logs;

namespace Quayside.Web.Stacks;

public partial class StackPage : ListPageBase
{
    private readonly Dictionary<string, string> _scale = [];
    private string _tab = "services";
    private string _logService = "";
    private string? _scaleProblem;
    private IReadOnlyList<LogSource> _lastSources = [];

    [Parameter] public string Name { get; set; } = "";

    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    private StackOperations Ops => HostService<StackOperations>();

    protected override void OnParametersSet()
    {
        if (Tab is "services" or "logs" or "files" or "history")
            _tab = Tab;
    }

    private StackLocation Location() => Ops.Locate(Name);

    private void Show(string tab) => _tab = tab;

    private static string Label(string action) => action switch
    {
        "up" => "Up",
        "recreate" => "Recreate",
        _ => char.ToUpperInvariant(action[0]) + action[1..],
    };

    private string ScaleOf(StackService service) => _scale.GetValueOrDefault(service.Name) ?? service.Containers.Count.ToString();

    private void SetScale(string service, object? value) => _scale[service] = value?.ToString() ?? "";

    private Task StackActionAsync(string action) => RunAsync(() => Ops.RunActionAsync(Name, action));

    private Task ServiceActionAsync(string service, string action, int? replicas) =>
        RunAsync(() => Ops.RunActionAsync(Name, action, service, replicas));

    private async Task ScaleAsync(StackService service)
    {
        var text = ScaleOf(service).Trim();
        if (!int.TryParse(text, out var n) || n is < 0 or > 100)
        {
            _scaleProblem = $"'{text}' is not a number of containers for {service.Name}: use a whole number from 0 to 100.";
            return;
        }
        _scaleProblem = null;
        await ServiceActionAsync(service.Name, "scale", n);
        _scale.Remove(service.Name);
    }

    private void AskDown(bool volumes)
    {
        var preview = Ops.PreviewDown(Name, volumes);
        Confirm = new ConfirmRequest(volumes ? $"Down {Name} with its volumes?" : $"Down {Name}?",
            volumes ? "These containers, networks and volumes will be removed; the data in the volumes is lost." : "These containers and networks will be removed. Volumes are kept.",
            [.. preview.Containers.Select(c => "container " + c), .. preview.Networks.Select(n => "network " + n), .. preview.Volumes.Select(v => "volume " + v)],
            volumes ? "Down and remove volumes" : "Down",
            () => RunAsync(() => Ops.RunActionAsync(Name, "down", volumes: volumes))) { Cli = preview.Cli };
    }

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private void AskDelete()
    {
        var folder = Ops.Locator.ManagedFolder(Name);
        Confirm = new ConfirmRequest($"Delete stack {Name}?", $"Its folder {folder} and its history are deleted. It runs nothing now.",
            [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal), $"the history of {Name}"], "Delete",
            DeleteAsync) { Cli = $"rm -r {Engine.Cli.ShellQuote.Word(folder)}" };
    }

    private async Task DeleteAsync()
    {
        try
        {
            await Ops.DeleteAsync(Name);
            Navigation.NavigateTo(Href("/stacks"));
        }
        catch (StackRefusedException e)
        {
            Outcome = Engine.Actions.ActionOutcome.Refused("", Name, e.Message);
        }
    }

    private IReadOnlyList<LogSource> LogSources()
    {
        List<LogSource> sources = [.. StackIndex.ContainersOf(Model, Name, _logService.Length > 0 ? _logService : null).Select(c => new LogSource(c.Id, c.Name))];
        if (!sources.SequenceEqual(_lastSources))
            _lastSources = sources;
        return _lastSources;
    }

    private string LogsCli()
    {
        var location = Location();
        string[] words = _logService.Length > 0 ? ["logs", "-f", "--tail", "500", _logService] : ["logs", "-f", "--tail", "500"];
        return location.Editable ? Ops.Runner.Line(location.Project, words) : Ops.Line(Name, words);
    }
}
