using Microsoft.AspNetCore.Components;
using Quayside.Engine.Cli;
using Quayside.Engine.CreateContainer;
using Quayside.Engine.Errors;
using Quayside.Engine.Pulls;
using Quayside.Web.Components.Shared;
using Quayside.Web.Pulls;

namespace Quayside.Web.CreateContainer;

/// <summary>
/// The create-container form: every field validated as typed, the exact docker line shown live, and the engine's
/// refusals shown next to the field they concern while everything typed stays. With <see cref="Source"/> it is
/// Duplicate/Edit: pre-filled from that container, with Replace.
/// </summary>
public partial class RunForm
{
    private RunSpec? _spec;
    private string? _loadError;
    private CreateOutcome? _outcome;
    private string? _outcomeName;
    private IReadOnlyDictionary<string, string> _engineErrors = new Dictionary<string, string>();
    private bool _submitted;
    private bool _busy;
    private string _busyText = "";
    private PullJob? _pull;
    private string _envBlock = "";
    private string? _envBlockError;
    private IReadOnlyList<string> _volumeNames = [];
    private IReadOnlyList<string> _networkNames = [];
    private ConfirmRequest? _confirm;

    private ContainerCreator Creator => HostService<ContainerCreator>();
    private PullService Pulls => HostService<PullService>();

    /// <summary>A new container's starting values (e.g. the image from an image row).</summary>
    [Parameter] public RunSpec? Initial { get; set; }

    /// <summary>The container to duplicate or replace (name or id), when editing one.</summary>
    [Parameter] public string? Source { get; set; }

    /// <summary>The edited container's name, which Replace keeps (its id changes with each replace).</summary>
    private string SourceName => _sourceName ?? Source!;
    private string? _sourceName;

    protected override async Task OnInitializedAsync()
    {
        if (Source is null)
            _spec = Initial?.Clone() ?? new RunSpec();
        try
        {
            if (Source is not null)
            {
                _spec = await Creator.LoadAsync(Source);
                _sourceName = _spec.Name;
            }
            _volumeNames = await Creator.VolumeNamesAsync();
            _networkNames = await Creator.NetworkNamesAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var problem = EngineErrorTranslator.Translate(e, Model.Client.Endpoint).ToString();
            if (_spec is null)
                _loadError = $"The container's configuration could not be read: {problem}";
        }
    }

    private Dictionary<string, string> Errors()
    {
        var errors = RunSpecRules.Validate(_spec!);
        if (!_submitted && _spec!.Image.Trim().Length == 0)
            errors.Remove(RunField.Image);
        foreach (var (field, message) in _engineErrors)
            errors.TryAdd(field, message);
        return errors;
    }

    private string Preview() => DockerCli.Run(_spec!);

    private IEnumerable<string> ImageTags() =>
        Model.Images.Values.SelectMany(i => i.RepoTags ?? []).Where(t => t != "<none>:<none>").Distinct().Order().Take(500);

    private IEnumerable<string> NetworkChoices() => RunSpecRules.BuiltInNetworks.Concat(_networkNames).Distinct();

    private static string Invalid(IReadOnlyDictionary<string, string> errors, string field) => errors.ContainsKey(field) ? "invalid" : "";

    private static string Bytes(string text) =>
        text.Trim().Length > 0 && MemorySize.Parse(text) is { } bytes ? "= " + MemorySize.Describe(bytes) : "";

    private void AddEnvBlock()
    {
        var (rows, problem) = EnvBlock.Parse(_envBlock);
        _envBlockError = problem;
        if (problem is not null)
            return;
        foreach (var row in rows)
        {
            _spec!.Env.RemoveAll(r => r.Key == row.Key);
            _spec.Env.Add(row);
        }
        _envBlock = "";
    }

    private async Task CreateAsync()
    {
        _submitted = true;
        if (RunSpecRules.Validate(_spec!).Count > 0)
        {
            _engineErrors = new Dictionary<string, string>();
            _outcome = null;
            return;
        }
        await RunAsync("Creating…", () => Creator.CreateAsync(_spec!));
    }

    private void AskReplace()
    {
        _submitted = true;
        if (RunSpecRules.Validate(_spec!).Count > 0)
            return;
        var name = SourceName;
        var replacement = _spec!.Clone();
        replacement.Name = name;
        _confirm = new ConfirmRequest($"Replace {name}?",
            $"{name} will be stopped and removed, and a new container with this configuration created under its name. " +
            "Its named volumes are kept; its writable layer (files changed inside it outside volumes) goes. " +
            "If the new one fails to create or start, the old one is put back.",
            [name], "Replace", () => RunAsync($"Replacing {name}…", () => Creator.ReplaceAsync(name, _spec!)))
        {
            Cli = DockerCli.Replace(name, replacement),
        };
    }

    private async Task RunAsync(string busyText, Func<Task<CreateOutcome>> action)
    {
        _busy = true;
        _busyText = busyText;
        _pull = null;
        StateHasChanged();
        try
        {
            if (await PullIfMissingAsync() is { } refused)
                _outcome = refused;
            else
                _outcome = await action();
            _outcomeName = _spec!.Name.Trim().Length > 0 ? _spec.Name.Trim() : null;
            _engineErrors = _outcome.FieldErrors;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var problem = EngineErrorTranslator.Translate(e, Model.Client.Endpoint).ToString();
            _outcome = CreateOutcome.Refused(DockerCli.Run(_spec!), RunField.General, problem);
            _engineErrors = _outcome.FieldErrors;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Pulls the image first when the engine does not have it, showing the pull's progress under the image field.</summary>
    private async Task<CreateOutcome?> PullIfMissingAsync()
    {
        var image = _spec!.Image.Trim();
        if (await Creator.ImageExistsAsync(image))
            return null;
        _busyText = $"Pulling {image}…";
        _pull = Pulls.Start(image, _spec.Platform.Trim().Length == 0 ? null : _spec.Platform.Trim());
        StateHasChanged();
        var result = await _pull.Completion;
        if (result.State == PullState.Succeeded)
            return null;
        var why = result.Error ?? (result.State == PullState.Cancelled ? "The pull was cancelled." : "The pull failed.");
        return CreateOutcome.Refused(_pull.Cli, RunField.Image, $"The image '{image}' is not on this engine and could not be pulled: {why}");
    }
}
