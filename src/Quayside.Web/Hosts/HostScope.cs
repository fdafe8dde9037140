using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Quayside.Engine.Hosts;

namespace Quayside.Web.Hosts;

/// <summary>
/// Which host the page is on, read from its address (/hosts/{host}/... or, for the default host, today's short URLs):
/// cascaded to the page, the CLI lines, the banner and the switcher.
/// </summary>
public sealed class HostScope : ComponentBase, IDisposable
{
    private EngineHost? _host;
    private string? _name;

    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private HostRegistry Registry { get; set; } = default!;
    [Parameter] public RenderFragment? ChildContent { get; set; }

    /// <summary>The host a base-relative path is on: "local" for short URLs; null when it names an unknown host.</summary>
    public static string NameOf(string relativePath)
    {
        var path = relativePath.Split('?', '#')[0];
        if (!path.StartsWith("hosts/", StringComparison.Ordinal))
            return EngineHost.DefaultName;
        var rest = path["hosts/".Length..];
        var slash = rest.IndexOf('/');
        return slash > 0 ? Uri.UnescapeDataString(rest[..slash]) : EngineHost.DefaultName;
    }

    protected override void OnInitialized()
    {
        Nav.LocationChanged += OnLocationChanged;
        Registry.Changed += OnRegistryChanged;
        Resolve();
    }

    private void Resolve()
    {
        _name = NameOf(Nav.ToBaseRelativePath(Nav.Uri));
        _host = Registry.Find(_name);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var before = _host;
        Resolve();
        if (!ReferenceEquals(before, _host))
            InvokeAsync(StateHasChanged);
    }

    private void OnRegistryChanged()
    {
        var before = _host;
        Resolve();
        if (!ReferenceEquals(before, _host))
            InvokeAsync(StateHasChanged);
    }

    protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
    {
        builder.OpenComponent<CascadingValue<EngineHost?>>(0);
        // Another host means other services behind every page: the pages are made again rather than rebound.
        builder.SetKey(_host?.Name ?? "(unknown)");
        builder.AddComponentParameter(1, "Value", _host);
        builder.AddComponentParameter(2, "ChildContent", ChildContent);
        builder.CloseComponent();
    }

    public void Dispose()
    {
        Nav.LocationChanged -= OnLocationChanged;
        Registry.Changed -= OnRegistryChanged;
    }
}
