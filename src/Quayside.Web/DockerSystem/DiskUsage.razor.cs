using System.Globalization;
using Microsoft.AspNetCore.Components;
using Quayside.Engine.Actions;
using Quayside.Engine.Containers;
using Quayside.Engine.DockerSystem;
using Quayside.Engine.Errors;
using Quayside.Engine.Images;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Volumes;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.DockerSystem;

/// <summary>
/// <c>docker system df -v</c> (read on opening and on request: it makes the engine walk every layer and volume) and the
/// prunes, each listing what it would remove before asking and reporting the space reclaimed after.
/// </summary>
public partial class DiskUsage : ListPageBase
{
    private Engine.DockerSystem.DiskUsage? _df;
    private DateTimeOffset? _readAt;
    private string? _error;
    private bool _loading, _systemAll, _systemVolumes;
    private string _label = "";

    private SystemActions Daemon => HostService<SystemActions>();
    private ContainerActions Containers => HostService<ContainerActions>();
    private ImageActions Images => HostService<ImageActions>();
    private VolumeActions Volumes => HostService<VolumeActions>();
    private NetworkActions Networks => HostService<NetworkActions>();

    private string? Label => PruneLabel.Normalize(_label);

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
            await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _df = await Daemon.DiskUsageAsync();
            _readAt = DateTimeOffset.UtcNow;
            _error = null;
        }
        catch (Exception e)
        {
            _error = EngineErrorTranslator.Translate(e, Model.Client.Endpoint).ToString();
        }
        finally
        {
            _loading = false;
        }
    }

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Asks with the list first; after the prune, reads the disk usage again so the page shows what changed.</summary>
    private void Ask(string title, string question, IEnumerable<string> items, ActionPlan plan) =>
        AskToRun(plan, title, question + (Label is null ? "" : $" Only objects labelled {Label}."), [.. items], "Prune", LoadAsync);

    private void AskContainers() => Ask("Remove stopped containers?", "Every exited, created or dead container will be removed.",
        Model.Containers.Values.Where(c => c.IsStopped && LabelMatch.Matches(c.LabelsOrEmpty, Label)).Select(c => c.Name).Order(),
        Containers.PlanPrune(Label));

    private void AskImages(bool all) => Ask(all ? "Remove all unused images?" : "Remove dangling images?",
        all ? "Every image no container uses will be deleted." : "Every untagged image no container uses will be deleted.",
        ImageQuery.PruneCandidates(Model, all).Where(i => LabelMatch.Matches(i.Labels ?? new Dictionary<string, string>(), Label))
            .Select(i => $"{i.Reference} ({ByteSize.Format(i.Size)})"),
        Images.PlanPrune(all, Label));

    private void AskVolumes() => Ask("Remove unused volumes?",
        "Every local volume no container uses will be deleted with its data, named or anonymous (engine 20.10).",
        VolumeQuery.PruneCandidates(Model, Label).Select(v => v.Name), Volumes.PlanPrune(Label));

    private void AskNetworks() => Ask("Remove unused networks?",
        "Every network without a running container will be removed, except bridge, host and none.",
        NetworkQuery.PruneCandidates(Model, Label).Select(n => n.Name), Networks.PlanPrune(Label));

    private void AskBuildCache() => Ask("Remove the build cache?", "Every build cache record not in use will be removed.",
        (_df?.BuildCache ?? []).Where(b => !b.InUse).Select(b => $"{b.Id} ({ByteSize.Format(b.Size)})"),
        // The build cache has no labels, yet a label that is not a filter is refused here as on the other prunes.
        Daemon.PlanPruneBuildCache(false).RefusedIf(InputRules.LabelFilter(Label)));

    private void AskSystem()
    {
        var plan = SystemPrunePlan.For(Model, _systemAll, _systemVolumes, Label);
        Ask("System prune?",
            "Stopped containers, networks without running containers, " + (_systemVolumes ? "unused volumes, " : "")
                + (_systemAll ? "every unused image" : "dangling images") + (Label is null ? " and the build cache" : "") + " will be removed.",
            plan.Describe(), Daemon.PlanPrune(_systemAll, _systemVolumes, Label));
    }
}
