using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Engine.DockerSystem;
using Quayside.Engine.Images;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.DockerSystem;

/// <summary>Prunes (of volumes and networks, and the system prune) and disk usage on the real engine.</summary>
public class DockerSystemTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private static readonly TimeSpan Seconds5 = TimeSpan.FromSeconds(5);
    private HostModel Model => fixture.Model;
    private VolumeActions Volumes => new(Model);
    private NetworkActions Networks => new(Model);

    [Fact]
    public async Task The_prune_lines_remove_exactly_the_candidates_the_pages_list()
    {
        var label = LabResources.UniqueLabel();
        var free = LabContainers.UniqueName("eqpv");
        var held = LabContainers.UniqueName("eqpvh");
        var freeNet = LabContainers.UniqueName("eqpn");
        var stoppedNet = LabContainers.UniqueName("eqpns");
        var holder = LabContainers.UniqueName("eqph");
        try
        {
            await LabResources.CreateVolumeAsync(free, "--label", label);
            await LabResources.CreateVolumeAsync(held, "--label", label);
            await LabResources.CreateNetworkAsync(freeNet, "--label", label);
            await LabResources.CreateNetworkAsync(stoppedNet, "--label", label);
            // A stopped container holds its volume but not its network.
            await LabContainers.CreateAsync(holder, "-v", $"{held}:/d", "--network", stoppedNet);
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersUsingVolume(held).Count == 1 && Model.ContainersOnNetwork(stoppedNet).Count == 1, TimeSpan.FromSeconds(5)));

            var volumes = VolumeQuery.PruneCandidates(Model, label).Select(v => v.Name).Order().ToList();
            var networks = NetworkQuery.PruneCandidates(Model, label).Select(n => n.Name).Order().ToList();
            Assert.Equal([free], volumes);
            Assert.Equal(new[] { freeNet, stoppedNet }.Order(), networks);

            Assert.Equal(volumes, await DeletedAsync(DockerCli.VolumePrune(label)));
            Assert.Equal(networks, await DeletedAsync(DockerCli.NetworkPrune(label)));
        }
        finally
        {
            await LabContainers.RemoveAsync(holder);
            await LabResources.RemoveVolumesAsync(free, held);
            await LabResources.RemoveNetworksAsync(freeNet, stoppedNet);
        }
    }

    [Fact]
    public async Task A_label_scoped_prune_removes_exactly_the_volumes_and_networks_it_listed()
    {
        var label = LabResources.UniqueLabel();
        var unusedVolume = LabContainers.UniqueName("pv");
        var usedVolume = LabContainers.UniqueName("pvu");
        var unusedNetwork = LabContainers.UniqueName("pn");
        var usedNetwork = LabContainers.UniqueName("pnu");
        var container = LabContainers.UniqueName("pc");
        try
        {
            await LabResources.CreateVolumeAsync(unusedVolume, "--label", label);
            await LabResources.CreateVolumeAsync(usedVolume, "--label", label);
            await LabResources.CreateNetworkAsync(unusedNetwork, "--label", label);
            await LabResources.CreateNetworkAsync(usedNetwork, "--label", label);
            await LabContainers.RunSleeperAsync(container, "-v", $"{usedVolume}:/d", "--network", usedNetwork);
            // Wait for the model to show the container running: a network's candidacy depends on its containers' state.
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersUsingVolume(usedVolume).Count == 1
                && Model.ContainersOnNetwork(usedNetwork).SingleOrDefault()?.State == "running", Seconds5));

            var volumes = VolumeQuery.PruneCandidates(Model, label).Select(v => v.Name).ToList();
            var networks = NetworkQuery.PruneCandidates(Model, label).Select(n => n.Name).ToList();
            Assert.Equal([unusedVolume], volumes);
            Assert.Equal([unusedNetwork], networks);

            var volumePrune = await Volumes.PruneAsync(label);
            Assert.True(volumePrune.Ok, volumePrune.Summary);
            Assert.Contains(unusedVolume, volumePrune.Summary);
            Assert.Contains("reclaimed", volumePrune.Summary);
            var networkPrune = await Networks.PruneAsync(label);
            Assert.True(networkPrune.Ok, networkPrune.Summary);
            Assert.Equal($"docker network prune -f --filter label={label}", networkPrune.Cli);

            // The engine sends one "prune" event and no "destroy" per volume: the model still drops it.
            Assert.True(await EngineWait.UntilAsync(() => !Model.Volumes.ContainsKey(unusedVolume) && Model.FindNetwork(unusedNetwork) is null, TimeSpan.FromSeconds(1)),
                "the pruned volume or network is still in the model after 1 s");
            Assert.True(Model.Volumes.ContainsKey(usedVolume));
            Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", unusedVolume)).ExitCode);
            Assert.Equal(0, (await DockerCommand.RunAsync("volume", "inspect", usedVolume)).ExitCode);
            Assert.NotEqual(0, (await DockerCommand.RunAsync("network", "inspect", unusedNetwork)).ExitCode);
            Assert.Equal(0, (await DockerCommand.RunAsync("network", "inspect", usedNetwork)).ExitCode);
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveVolumesAsync(unusedVolume, usedVolume);
            await LabResources.RemoveNetworksAsync(unusedNetwork, usedNetwork);
        }
    }

    [Fact]
    public async Task A_label_scoped_system_prune_removes_what_its_plan_listed_and_reports_the_space()
    {
        var label = LabResources.UniqueLabel();
        var stopped = LabContainers.UniqueName("sp");
        var volume = LabContainers.UniqueName("spv");
        try
        {
            await LabResources.CreateVolumeAsync(volume, "--label", label);
            await LabContainers.CreateAsync(stopped, "--label", label, "-v", $"{volume}:/d");
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersUsingVolume(volume).Count == 1, Seconds5));

            var plan = SystemPrunePlan.For(Model, allImages: false, withVolumes: true, label);
            Assert.Equal([stopped], plan.Containers.Select(c => c.Name));
            Assert.Equal([volume], plan.Volumes.Select(v => v.Name));

            var system = new SystemActions(Model, new ContainerActions(Model), new ImageActions(Model), Volumes, Networks);
            var outcome = await system.PruneAsync(allImages: false, withVolumes: true, label);
            Assert.True(outcome.Ok, string.Join(" | ", outcome.Results.Select(r => r.Message)));
            Assert.Equal($"docker system prune --volumes -f --filter label={label}", outcome.Cli);
            Assert.False(await ExistsAsync("container", stopped));
            Assert.False(await ExistsAsync("volume", volume));
        }
        finally
        {
            await LabContainers.RemoveAsync(stopped);
            await LabResources.RemoveVolumesAsync(volume);
        }
    }

    [Fact]
    public async Task Disk_usage_reads_raw_and_sums_like_docker_system_df()
    {
        var system = new SystemActions(Model, new ContainerActions(Model), new ImageActions(Model), Volumes, Networks);
        var df = await system.DiskUsageAsync();
        var rows = df.Rows();
        Assert.Equal(["Images", "Containers", "Local Volumes", "Build Cache"], rows.Select(r => r.Kind));
        Assert.True(rows[0].Total >= 1, "the lab image is not counted");
        Assert.All(rows, r => Assert.InRange(r.Reclaimable, 0, Math.Max(0, r.Size)));
        // Other helpers build and remove images on the shared engine: compare readings taken together until they agree.
        string ours = "", theirs = "";
        Assert.True(await EngineWait.UntilAsync(async () =>
        {
            try
            {
                ours = $"Images={(await system.DiskUsageAsync()).Rows()[0].Total}";
            }
            catch (Quayside.Engine.Connection.EngineApiException e) when (e.EngineMessage.Contains("already running"))
            {
                return false;
            }
            // The engine runs one disk-usage computation at a time and refuses a second: that is "not yet".
            theirs = (await DockerCommand.RunAsync("system", "df", "--format", "{{.Type}}={{.TotalCount}}")).Stdout.Split('\n')[0];
            return ours == theirs;
        }, TimeSpan.FromSeconds(20)), $"Quayside reads {ours}, docker system df says {theirs}");
    }

    /// <summary>The names a prune line printed under "Deleted ...:".</summary>
    private static async Task<List<string>> DeletedAsync(string line)
    {
        var output = (await DockerCommand.RunLineAsync(line)).EnsureSuccess(line).Stdout.Split('\n', StringSplitOptions.TrimEntries);
        return [.. output.SkipWhile(l => !l.StartsWith("Deleted", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Length > 0).Order()];
    }

    private static async Task<bool> ExistsAsync(string kind, string name) => (await DockerCommand.RunAsync(kind, "inspect", name)).ExitCode == 0;

    [Fact]
    public async Task Every_prune_refuses_a_label_that_is_not_a_filter_once_in_words()
    {
        const string sentence = "'a b' is not a label filter: write key or key=value (no spaces in the key).";
        var system = new SystemActions(Model, new ContainerActions(Model), new ImageActions(Model), Volumes, Networks);
        await PlanAssert.RefusedOnceAsync(new ContainerActions(Model).PlanPrune("a b"), sentence);
        await PlanAssert.RefusedOnceAsync(new ImageActions(Model).PlanPrune(allUnused: true, "a b"), sentence);
        await PlanAssert.RefusedOnceAsync(Volumes.PlanPrune("a b"), sentence);
        await PlanAssert.RefusedOnceAsync(Networks.PlanPrune("a b"), sentence);
        await PlanAssert.RefusedOnceAsync(system.PlanPrune(allImages: false, withVolumes: true, "a b"), sentence);

        // The build cache has no labels; the disk usage page still refuses its prune on top when the label box is not a filter.
        var cache = system.PlanPruneBuildCache(false);
        Assert.Same(cache, cache.RefusedIf(null));
        await PlanAssert.RefusedOnceAsync(cache.RefusedIf(sentence), sentence);
        Assert.Equal(cache.Cli, cache.RefusedIf(sentence).Cli);
        Assert.Equal(sentence, Volumes.PlanPrune("a b").RefusedIf("Another reason.").Problem);
    }
}
