using Microsoft.AspNetCore.Components;
using Quayside.Engine.Stacks;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Stacks;

public partial class StackFiles : HostComponentBase, IDisposable
{
    private readonly List<string> _output = [];
    private readonly CancellationTokenSource _gone = new();
    private StackLocation _location = default!;
    private Dictionary<string, string>? _files;
    private string _effective = "";
    private StackPlan? _plan;
    private bool _reviewed, _busy, _gate = true;
    private string _settle = ((int)HealthGateOptions.DefaultSettle.TotalSeconds).ToString();
    private string? _settleProblem, _error;
    private ApplyOutcome? _applied;

    [Parameter, EditorRequired] public string Name { get; set; } = "";

    private StackOperations Ops => HostService<StackOperations>();

    private string? _loaded;

    // The parent re-renders on every model change (and the cascaded host counts as a new parameter each time): load
    // once per stack, so edits in progress are kept.
    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == Name)
            return;
        _loaded = Name;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _location = Ops.Locate(Name);
        try
        {
            _files = _location.Editable ? await Ops.ReadFilesAsync(Name, _gone.Token) : [];
            _effective = _location.Editable ? "" : await Ops.EffectiveConfigAsync(Name, _gone.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _files ??= [];
            _error = Words(e);
        }
    }

    private void Edit(string path, string value)
    {
        _files![path] = value;
        _reviewed = false;
    }

    private IReadOnlyList<(int Line, string Message)> ProblemsOf(string path) =>
        _plan?.Problems.Where(p => p.File == path).Select(p => (p.Line, p.Message)).ToList() ?? [];

    private string ConfigCli() => Ops.Runner.Line(_location.Project, ["config"]);

    private Task ValidateAsync() => PlanAsync(review: false);

    private Task ReviewAsync() => PlanAsync(review: true);

    private async Task PlanAsync(bool review)
    {
        await BusyAsync(async () =>
        {
            _plan = await Ops.PlanAsync(Name, _files!, _gone.Token);
            _reviewed = review && _plan.Valid;
        });
    }

    private async Task ApplyAsync()
    {
        if (!int.TryParse(_settle.Trim(), out var settle) || settle is < 0 or > 600)
        {
            _settleProblem = $"'{_settle}' is not a settle time: use a whole number of seconds from 0 to 600.";
            return;
        }
        _settleProblem = null;
        _output.Clear();
        _applied = null;
        var options = new ApplyOptions(User, _gate, HealthGateOptions.Default with { Settle = TimeSpan.FromSeconds(settle) });
        await BusyAsync(async () =>
        {
            _applied = await Ops.ApplyAsync(Name, _files!, options, line =>
            {
                lock (_output)
                    _output.Add(line);
                _ = InvokeAsync(StateHasChanged);
            }, _gone.Token);
            _plan = _applied.Plan ?? _plan;
            _reviewed = false;
            await LoadAsync();
        });
    }

    private async Task TakeOverAsync() => await BusyAsync(async () =>
    {
        await Ops.TakeOverAsync(Name, User, _gone.Token);
        await LoadAsync();
    });

    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthState { get; set; }

    private string User => StackAuthor.Of(AuthState);

    private async Task BusyAsync(Func<Task> work)
    {
        _busy = true;
        _error = null;
        try
        {
            await work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = Words(e);
        }
        finally
        {
            _busy = false;
        }
    }

    private string Words(Exception e) => e is StackRefusedException or ComposeMissingException
        ? e.Message
        : Engine.Errors.EngineErrorTranslator.Translate(e, Host?.Endpoint ?? Engine.Connection.EngineEndpoint.FromEnvironment()).ToString();

    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
    }
}
