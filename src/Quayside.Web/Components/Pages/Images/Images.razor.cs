using Microsoft.AspNetCore.Components;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.Images;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Components.Pages.Images;

public partial class Images : LiveComponentBase
{
    private readonly HashSet<string> _selected = [];
    private bool _dangling, _unused;
    private string _search = "";
    private ActionOutcome? _outcome;
    private ConfirmRequest? _confirm;
    private bool _force;
    private bool _busy;
    private string? _tagSource;
    private string _tagTarget = "";
    private string? _tagError;

    [Inject] private ImageActions Actions { get; set; } = default!;

    private ImageFilter Filter => new() { DanglingOnly = _dangling, UnusedOnly = _unused, Search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim() };

    private List<ImageSummary> Rows() => [.. ImageQuery.Apply(Model, Filter).OrderBy(i => i.IsDangling).ThenBy(i => i.Reference, StringComparer.Ordinal)];

    private string? ListNote => _unused || !string.IsNullOrWhiteSpace(_search)
        ? "'Unused' and the search box narrow the table further; docker images has no equivalent filter."
        : null;

    private List<ImageSummary> SelectedImages() => [.. _selected.Select(id => Model.Images.GetValueOrDefault(id)).OfType<ImageSummary>()];

    private void ToggleSelected(string id)
    {
        if (!_selected.Remove(id))
            _selected.Add(id);
    }

    private void AskRemove(IReadOnlyList<ImageSummary> images)
    {
        _force = false;
        var names = images.Select(i => i.Reference).ToList();
        _confirm = new ConfirmRequest("Remove images?",
            $"These {images.Count} image{(images.Count == 1 ? "" : "s")} will be untagged, and their layers deleted where nothing else uses them.",
            [.. images.Select(i => $"{i.Reference} ({ByteSize.Format(i.Size)}, used by {Model.ContainersUsing(i.Id)} container(s))")], "Remove",
            () => RunAsync(() => Actions.RemoveAsync(names, _force)))
        { Cli = DockerCli.RemoveImages(names, false), Options = ForceOption(names) };
    }

    private void AskPrune(bool allUnused)
    {
        var candidates = ImageQuery.PruneCandidates(Model, allUnused);
        _confirm = new ConfirmRequest(allUnused ? "Remove all unused images?" : "Remove dangling images?",
            allUnused ? "Every image that no container (running or stopped) uses will be deleted." : "Every untagged image that no container uses will be deleted.",
            [.. candidates.Select(i => $"{i.Reference} ({ByteSize.Format(i.Size)})")], "Prune",
            () => RunAsync(() => Actions.PruneAsync(allUnused)))
        { Cli = DockerCli.ImagePrune(allUnused) };
    }

    private void RefreshRemoveCli(IReadOnlyList<string> names)
    {
        if (_confirm is not null)
            _confirm = _confirm with { Cli = DockerCli.RemoveImages(names, _force) };
    }

    private async Task CloseConfirmAsync(bool confirmed)
    {
        var request = _confirm;
        _confirm = null;
        if (confirmed && request is not null)
        {
            await request.OnConfirm();
            _selected.Clear();
        }
    }

    private void BeginTag(ImageSummary image)
    {
        _tagSource = image.Id;
        _tagTarget = image.Tags.FirstOrDefault() ?? "";
        _tagError = null;
    }

    private async Task TagAsync()
    {
        if (_tagSource is null)
            return;
        _tagError = InputRules.ImageReference(_tagTarget.Trim());
        if (_tagError is not null)
            return;
        await RunAsync(() => Actions.TagAsync(_tagSource, _tagTarget.Trim()));
        if (_outcome?.Ok == true)
            _tagSource = null;
        else
            _tagError = _outcome?.Results.FirstOrDefault()?.Message;
    }

    private async Task RunAsync(Func<Task<ActionOutcome>> action)
    {
        _busy = true;
        try
        {
            _outcome = await action();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string CreateHref(ImageSummary image) => $"/containers/new?image={Uri.EscapeDataString(image.Reference)}";
}
