using Microsoft.AspNetCore.Components;
using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Engine.CreateContainer;
using Quayside.Engine.Errors;

namespace Quayside.Web.Containers.Update;

/// <summary>
/// The <c>docker update</c> form: prefilled from the container's inspect, every field checked as typed with the create
/// form's rules, the line of the options that change shown live, the engine's refusals next to their field.
/// </summary>
public partial class ContainerUpdateView : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private UpdateTarget? _target;
    private UpdateSpec? _spec;
    private string? _loadError;
    private UpdateOutcome? _outcome;
    private IReadOnlyDictionary<string, string> _engineErrors = new Dictionary<string, string>();
    private bool _busy;

    private ContainerUpdate Updater => HostService<ContainerUpdate>();

    [Parameter, EditorRequired] public ContainerSummary Container { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (Exception e) when (!_disposed.IsCancellationRequested)
        {
            _loadError = $"The container's limits could not be read: {EngineErrorTranslator.Translate(e, Updater.Endpoint)}";
        }
    }

    private async Task LoadAsync()
    {
        _target = await Updater.LoadAsync(Container.Id, _disposed.Token);
        _spec = _target.Current.Clone();
    }

    private List<UpdateChange> Changes() => UpdateChanges.Between(_target!.Current, _spec!);

    private Dictionary<string, string> Errors()
    {
        var errors = UpdateRules.Validate(_target!, _spec!);
        foreach (var (field, message) in _engineErrors)
            errors.TryAdd(field, message);
        return errors;
    }

    private string Preview() => DockerCli.Update(_target!.Name, Changes());

    private string? PreviewNote(IReadOnlyDictionary<string, string> errors) =>
        errors.Count > 0 ? "Some fields need correcting; the line shows what is typed."
        : Changes().Count == 0 ? "Nothing changed yet: the line lists only the options you change."
        : null;

    private static string Invalid(IReadOnlyDictionary<string, string> errors, string field) => errors.ContainsKey(field) ? "invalid" : "";

    private static string? Bytes(string text) =>
        text.Trim().Length > 0 && MemorySize.Parse(text) is { } bytes ? "= " + MemorySize.Describe(bytes) : null;

    /// <summary>A retry count belongs to on-failure only; its box goes with it, so its value must too.</summary>
    private void PolicyChosen()
    {
        if (_spec!.RestartPolicy != "on-failure")
            _spec.MaxRetries = "";
    }

    private void Reset()
    {
        _spec = _target!.Current.Clone();
        _engineErrors = new Dictionary<string, string>();
        _outcome = null;
    }

    private async Task UpdateAsync()
    {
        _busy = true;
        StateHasChanged();
        try
        {
            _outcome = await Updater.UpdateAsync(_target!, _spec!, _disposed.Token);
            _engineErrors = _outcome.FieldErrors;
            if (_outcome.Ok)
                await LoadAsync(); // the form now holds what the engine holds
        }
        catch (Exception e) when (!_disposed.IsCancellationRequested)
        {
            var problem = EngineErrorTranslator.Translate(e, Updater.Endpoint).ToString();
            _outcome = UpdateOutcome.Refused(Preview(), UpdateField.General, problem);
            _engineErrors = _outcome.FieldErrors;
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
