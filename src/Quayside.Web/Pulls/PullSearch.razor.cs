using Microsoft.AspNetCore.Components;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Pulls;
using Quayside.Web.Pulls;
using Quayside.Web.Registries;

namespace Quayside.Web.Pulls;

public partial class PullSearch : IDisposable
{
    public const int PageSize = 25;
    private readonly CancellationTokenSource _gone = new();
    private string _reference = "";
    private string _platform = "";
    private string? _referenceError;
    private string? _platformError;
    private PullJob? _started;
    private string _term = "";
    private string? _termError;
    private string? _searched;
    private bool _viaEngine;
    private bool _searching;
    private int _page = 1;
    private List<SourceResults> _results = [];

    private PullService Pulls => HostService<PullService>();
    [Inject] private RegistryBrowser Browser { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "image")] public string? Image { get; set; }
    [SupplyParameterFromQuery(Name = "platform")] public string? Platform { get; set; }

    protected override void OnParametersSet()
    {
        if (!string.IsNullOrEmpty(Image))
            _reference = Image;
        if (!string.IsNullOrEmpty(Platform))
            _platform = Platform;
    }

    private string PullCli => ImageReference.TryParse(_reference, out _) is { } r
        ? PullActions.PullCli(r, PlatformSpec.TryParse(_platform, out _))
        : DockerCli.Pull(string.IsNullOrWhiteSpace(_reference) ? "NAME[:TAG]" : _reference.Trim(), string.IsNullOrWhiteSpace(_platform) ? null : _platform.Trim());

    private void Validate()
    {
        _referenceError = string.IsNullOrWhiteSpace(_reference) ? null : InputRules.PullReference(_reference.Trim());
        _platformError = InputRules.Platform(_platform.Trim());
    }

    private void Pull()
    {
        _referenceError = InputRules.PullReference(_reference.Trim());
        _platformError = InputRules.Platform(_platform.Trim());
        if (_referenceError is not null || _platformError is not null)
            return;
        _started = Pulls.Start(_reference.Trim(), string.IsNullOrWhiteSpace(_platform) ? null : _platform.Trim());
    }

    private async Task SearchAsync(int page)
    {
        var term = _term.Trim();
        _termError = term.Length == 0 ? "Enter a search term, e.g. busybox." : term.Length > 100 ? "The search term is longer than 100 characters." : null;
        if (_termError is not null)
            return;
        _searching = true;
        _page = page;
        _searched = term;
        _results = [];
        StateHasChanged();
        var hub = Browser.SearchHubAsync(term, page, PageSize, _viaEngine, _gone.Token);
        var registries = Browser.SearchRegistriesAsync(term, _gone.Token);
        // Private registries first: they answer fast; the Hub may be far or unreachable.
        _results = [.. await registries, await hub];
        _searching = false;
    }

    private static string TagsLink(string source, string repository) =>
        $"/pulls/tags?source={Uri.EscapeDataString(source)}&repo={Uri.EscapeDataString(repository)}";

    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
        GC.SuppressFinalize(this);
    }
}
