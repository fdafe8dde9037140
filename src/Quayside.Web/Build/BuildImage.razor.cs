using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Quayside.Engine.Cli;
using Quayside.Engine.Build;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Build;

public partial class BuildImage : HostComponentBase
{
    private const string InitialDockerfile = "FROM quayside-lab/busybox:latest\nRUN echo hello > /hello.txt\nCMD [\"cat\", \"/hello.txt\"]\n";

    private string _tags = "";
    private string _args = "";
    private string _labels = "";
    private string _target = "";
    private string _platform = "";
    private string _dockerfilePath = "";
    private bool _noCache, _pull, _running, _typed = true;
    private BuildContextKind _context = BuildContextKind.Files;
    private string? _tagsError, _argsError, _optionsError;
    private IJSObjectReference? _module;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Quayside.Web.Api.UploadLimits Limits { get; set; } = default!;

    private static string Invalid(string? error) => error is null ? "" : "invalid";

    private string? CliNote => _context switch
    {
        BuildContextKind.Zip => "The docker CLI takes no zip: Quayside sends it to the engine as a tar" + (_typed ? ", with the typed Dockerfile in place of the archive's." : "."),
        BuildContextKind.Tar when _typed => "The typed Dockerfile replaces the archive's Dockerfile (with the CLI it would have to be inside the tar).",
        _ => null,
    };

    private IReadOnlyList<string> Tags => [.. _tags.Split([' ', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>One NAME=value per line (build arguments, labels).</summary>
    private static (Dictionary<string, string> Pairs, string? Problem) ParsePairs(string text, string example)
    {
        var pairs = new Dictionary<string, string>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var eq = line.IndexOf('=');
            if (eq <= 0)
                return (pairs, $"'{line}' is not NAME=value: write one per line, e.g. {example}.");
            pairs[line[..eq].Trim()] = line[(eq + 1)..];
        }
        return (pairs, null);
    }

    private (Dictionary<string, string> Pairs, string? Problem) ParseArgs() => ParsePairs(_args, "VERSION=1.2");

    private (Dictionary<string, string> Pairs, string? Problem) ParseLabels() => ParsePairs(_labels, "team=web");

    private BuildOptions Options => new()
    {
        Tags = Tags,
        BuildArgs = ParseArgs().Pairs,
        Labels = ParseLabels().Pairs,
        Target = string.IsNullOrWhiteSpace(_target) ? null : _target.Trim(),
        Platform = string.IsNullOrWhiteSpace(_platform) ? null : _platform.Trim(),
        NoCache = _noCache,
        Pull = _pull,
        Context = _context,
        TypedDockerfile = _typed,
        Dockerfile = string.IsNullOrWhiteSpace(_dockerfilePath) ? "Dockerfile" : _dockerfilePath.Trim(),
    };

    private string Cli => DockerCli.Build(Options);

    private void OnDockerfileChanged(ChangeEventArgs e) => _typed = !string.IsNullOrWhiteSpace(e.Value as string);

    private void OnArchiveChosen(ChangeEventArgs e) =>
        _context = (e.Value as string ?? "").EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? BuildContextKind.Zip : BuildContextKind.Tar;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/uploads.js");
        await _module.InvokeVoidAsync("highlighter", "dockerfile", "dockerfile-highlight");
    }

    private async Task BuildAsync()
    {
        var options = Options;
        _tagsError = Tags.Count == 0 ? "Give the image at least one tag, e.g. myapp:1.0." : null;
        _argsError = ParseArgs().Problem ?? ParseLabels().Problem;
        var problems = options.Problems();
        _tagsError ??= problems.FirstOrDefault(p => p.Contains("image name"));
        _optionsError = problems.Where(p => !p.Contains("image name")).FirstOrDefault();
        if (_tagsError is not null || _argsError is not null || _optionsError is not null || _module is null)
            return;
        var query = string.Join('&', [.. options.Tags.Select(t => "t=" + Uri.EscapeDataString(t)),
            "buildargs=" + Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(options.BuildArgs)),
            "labels=" + Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(options.Labels)),
            "context=" + options.Context.ToString().ToLowerInvariant(),
            "typed=" + (_typed ? "true" : "false"),
            "dockerfile=" + Uri.EscapeDataString(options.Dockerfile),
            .. Optional("target", options.Target), .. Optional("platform", options.Platform),
            .. options.NoCache ? ["nocache=1"] : Array.Empty<string>(), .. options.Pull ? ["pull=1"] : Array.Empty<string>()]);
        _running = true;
        try
        {
            await _module.InvokeAsync<bool>("build", TimeSpan.FromHours(2), ApiHref("/api/images/build") + "?" + query, "dockerfile", "build-files", "build-context", "build-output", "build-status",
                new { bytes = Limits.ForOthers.Bytes, tooLarge = Limits.ForOthers.TooLarge });
        }
        finally
        {
            _running = false;
        }
    }

    private static IEnumerable<string> Optional(string key, string? value) => value is null ? [] : [$"{key}={Uri.EscapeDataString(value)}"];

    public async ValueTask DisposeAsync()
    {
        await _module.DisposeQuietlyAsync();
        GC.SuppressFinalize(this);
    }
}
