using Microsoft.AspNetCore.Components;
using Quayside.Engine.Actions;
using Quayside.Engine.Images;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Images;

public partial class Images : ListPageBase
{
    private bool _dangling, _unused;
    private string _search = "";
    private bool _force;
    private string? _tagSource;
    private string _tagTarget = "";
    private string? _tagError;

    private ImageActions Actions => HostService<ImageActions>();

    private ImageFilter Filter => new() { DanglingOnly = _dangling, UnusedOnly = _unused, Search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim() };

    private List<ImageSummary> Rows() => [.. ImageQuery.Apply(Model, Filter).OrderBy(i => i.IsDangling).ThenBy(i => i.Reference, StringComparer.Ordinal)];

    private string? ListNote => _unused || !string.IsNullOrWhiteSpace(_search)
        ? "'Unused' and the search box narrow the table further; docker images has no equivalent filter."
        : null;

    private List<ImageSummary> SelectedImages() => [.. Selected.Select(id => Model.Images.GetValueOrDefault(id)).OfType<ImageSummary>()];

    private void AskRemove(IReadOnlyList<ImageSummary> images)
    {
        _force = false;
        var names = images.Select(i => i.Reference).ToList();
        Confirm = new ConfirmRequest("Remove images?",
            (images.Count == 1 ? "This image" : $"These {images.Count} images") + " will be untagged, and layers deleted where nothing else uses them.",
            [.. images.Select(i => $"{i.Reference} ({ByteSize.Format(i.Size)}, used by {Model.ContainersUsing(i.Id)} container(s))")], "Remove",
            () => RunAsync(() => Actions.PlanRemove(names, _force).RunAsync()))
        { Cli = Actions.PlanRemove(names, false).Cli, Options = ForceOption(names) };
    }

    private void AskPrune(bool allUnused)
    {
        var candidates = ImageQuery.PruneCandidates(Model, allUnused);
        var plan = Actions.PlanPrune(allUnused);
        Confirm = new ConfirmRequest(allUnused ? "Remove all unused images?" : "Remove dangling images?",
            allUnused ? "Every image that no container (running or stopped) uses will be deleted." : "Every untagged image that no container uses will be deleted.",
            [.. candidates.Select(i => $"{i.Reference} ({ByteSize.Format(i.Size)})")], "Prune",
            () => RunAsync(() => plan.RunAsync()))
        { Cli = plan.Cli };
    }

    private void RefreshRemoveCli(IReadOnlyList<string> names)
    {
        if (Confirm is not null)
            Confirm = Confirm with { Cli = Actions.PlanRemove(names, _force).Cli };
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
        _tagError = await RunFormAsync(Actions.PlanTag(_tagSource, _tagTarget.Trim()));
        if (_tagError is null)
            _tagSource = null;
    }

    private static string CreateHref(ImageSummary image) => $"/containers/new?image={Uri.EscapeDataString(image.Reference)}";
}
