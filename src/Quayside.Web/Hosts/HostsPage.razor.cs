using Microsoft.AspNetCore.Components;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Hosts;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Hosts;

public partial class HostsPage
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);
    private IReadOnlyList<HostRow> _rows = [];
    private IReadOnlyList<DockerContext> _contexts = [];
    private HostForm _form = new();
    private string? _editing;
    private Dictionary<string, string[]>? _problems;
    private ProbeAnswer? _probe;
    private string? _probeTarget;
    private bool _probeSaved;
    private string? _message;
    private bool _ok;
    private ConfirmRequest? _confirm;
    private RenderThrottle? _throttle;
    private IReadOnlyDictionary<string, HostEntry> _saved = new Dictionary<string, HostEntry>();
    private volatile bool _savedStale = true;
    private readonly List<EngineHost> _watched = [];

    [Inject] private HostDirectory Hosts { get; set; } = default!;

    private IReadOnlyDictionary<string, string> Errors =>
        _problems?.ToDictionary(p => p.Key, p => string.Join(" ", p.Value)) ?? new Dictionary<string, string>();

    private bool IsTcp => _form.Address.TrimStart().StartsWith("tcp://", StringComparison.Ordinal);
    private bool IsSsh => _form.Address.TrimStart().StartsWith("ssh://", StringComparison.Ordinal);

    private string FormCli
    {
        get
        {
            try
            {
                var endpoint = EngineEndpoint.Parse(string.IsNullOrWhiteSpace(_form.Address) ? "tcp://HOST:2376" : _form.Address);
                if (endpoint.Transport == EngineTransport.Tcp && !_form.AcceptPlainTcp)
                    endpoint = endpoint with { Tls = new TlsMaterial("", "", "") };
                endpoint = endpoint with { ApiVersion = ApiVersion.ParseOrNull(_form.ApiVersion) };
                return DockerCli.OnHost(DockerCli.HostFlags(endpoint), "docker version", DockerCli.ApiVersionEnvironment(endpoint));
            }
            catch (FormatException)
            {
                return "docker -H ADDRESS version";
            }
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _throttle = new RenderThrottle(MinInterval, () => InvokeAsync(RefreshAsync));
        Hosts.Registry.Changed += OnRegistryChanged;
        _contexts = DockerContexts.Read();
        await RefreshAsync();
    }

    private void OnChanged() => _throttle?.Changed();

    // A host saved, trusted or removed changes what is stored; a model's change (every engine event) does not.
    private void OnRegistryChanged()
    {
        _savedStale = true;
        _throttle?.Changed();
    }

    private async Task RefreshAsync()
    {
        if (_savedStale)
        {
            _savedStale = false;
            _saved = await Hosts.SavedAsync(CancellationToken.None);
        }
        _rows = Hosts.Rows(_saved);
        var current = Hosts.Registry.All;
        foreach (var gone in _watched.Except(current).ToList())
        {
            gone.Model.Changed -= OnChanged;
            _watched.Remove(gone);
        }
        foreach (var added in current.Except(_watched).ToList())
        {
            added.Model.Changed += OnChanged;
            _watched.Add(added);
        }
        StateHasChanged();
    }

    private async Task SaveAsync()
    {
        var form = _form;
        var (problems, _) = await Hosts.SaveAsync(form, _editing, CancellationToken.None);
        _problems = problems;
        if (problems.Count > 0)
        {
            (_ok, _message) = (false, "Not saved: see the fields marked above.");
            return;
        }
        (_ok, _message) = (true, _editing is null ? $"Added {form.Name.Trim()}: connecting in the background." : $"Saved {form.Name.Trim()}.");
        _form = new();
        _editing = null;
        await RefreshAsync();
    }

    private async Task TestFormAsync()
    {
        var form = _form;
        (_probe, _probeTarget, _probeSaved, _message) = (null, form.Address.Trim(), false, "Testing…");
        _ok = true;
        StateHasChanged();
        var (problems, result) = await Hosts.TestFormAsync(form, CancellationToken.None);
        _problems = problems;
        _message = null;
        if (result is not null)
            _probe = ProbeAnswer.From(result);
        else
            (_ok, _message) = (false, "Not tested: see the fields marked above.");
    }

    private async Task TestSavedAsync(string name)
    {
        (_probe, _probeTarget, _probeSaved, _message) = (null, name, true, $"Testing {name}…");
        _ok = true;
        StateHasChanged();
        var result = await Hosts.TestSavedAsync(name, CancellationToken.None);
        _message = null;
        _probe = result is null ? null : ProbeAnswer.From(result);
    }

    private async Task TrustAsync(string name, string fingerprint)
    {
        var problem = await Hosts.TrustAsync(name, fingerprint, CancellationToken.None);
        (_ok, _message) = problem is null ? (true, $"Trusted the host key of {name} (SHA256:{fingerprint}); connecting.") : (false, problem);
        _probe = null;
        await RefreshAsync();
    }

    private void Edit(HostRow row)
    {
        _editing = row.Name;
        _form = new HostForm { Name = row.Name, Address = row.Address, AcceptPlainTcp = row.Transport == "tcp" && !row.HasTls, ApiVersion = row.PinnedApiVersion };
        _problems = null;
    }

    private void CancelEdit()
    {
        _editing = null;
        _form = new();
        _problems = null;
    }

    private void AskRemove(HostRow row) => _confirm = new ConfirmRequest(
        $"Remove {row.Name}?",
        $"Quayside forgets this host and its saved keys. Nothing changes on the engine at {row.Address}.",
        [$"{row.Name} ({row.Address})", .. row.HasTls ? ["its TLS certificate and key"] : Array.Empty<string>(), .. row.HasSshKey ? ["its SSH private key"] : Array.Empty<string>()],
        "Remove",
        async () =>
        {
            await Hosts.RemoveAsync(row.Name, CancellationToken.None);
            (_ok, _message) = (true, $"Removed {row.Name}.");
            await RefreshAsync();
        });

    private async Task ImportAsync(string context)
    {
        var problems = await Hosts.ImportAsync(context, CancellationToken.None);
        (_ok, _message) = problems.Count == 0 ? (true, $"Imported context {context}.") : (false, string.Join(" ", problems.Values.SelectMany(v => v)));
        await RefreshAsync();
    }

    public void Dispose()
    {
        Hosts.Registry.Changed -= OnRegistryChanged;
        foreach (var host in _watched)
            host.Model.Changed -= OnChanged;
        _throttle?.Dispose();
        GC.SuppressFinalize(this);
    }
}
