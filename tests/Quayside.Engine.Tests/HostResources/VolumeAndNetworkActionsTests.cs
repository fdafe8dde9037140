using Quayside.Engine.Containers;
using Quayside.Engine.DockerSystem;
using Quayside.Engine.Images;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.HostResources;

public class VolumeAndNetworkActionsTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private static readonly TimeSpan Seconds5 = TimeSpan.FromSeconds(5);
    private HostModel Model => fixture.Model;
    private VolumeActions Volumes => new(Model);
    private NetworkActions Networks => new(Model);

    [Fact]
    public async Task Removing_a_volume_in_use_is_refused_in_words_naming_the_container()
    {
        var volume = LabContainers.UniqueName("inuse");
        var container = LabContainers.UniqueName("inusec");
        try
        {
            await LabResources.CreateVolumeAsync(volume);
            var id = await LabContainers.CreateAsync(container, "-v", $"{volume}:/data");
            var outcome = await Volumes.RemoveAsync([volume], force: false);
            Assert.False(outcome.Ok);
            Assert.Equal($"docker volume rm {volume}", outcome.Cli);
            Assert.Contains($"The volume '{volume}' is in use by container {id[..12]}", outcome.Summary);
            Assert.True((await DockerCommand.RunAsync("volume", "inspect", volume)).ExitCode == 0, "the volume is gone");
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveVolumesAsync(volume);
        }
    }

    [Fact]
    public async Task Removing_a_network_with_a_running_container_or_a_predefined_network_is_refused_in_words()
    {
        var network = LabContainers.UniqueName("busy");
        var container = LabContainers.UniqueName("busyc");
        try
        {
            await LabResources.CreateNetworkAsync(network);
            await LabContainers.RunSleeperAsync(container, "--network", network);
            var outcome = await Networks.RemoveAsync([network]);
            Assert.False(outcome.Ok);
            Assert.Contains($"The network '{network}' still has containers connected", outcome.Summary);

            var bridge = await Networks.RemoveAsync(["bridge"]);
            Assert.False(bridge.Ok);
            Assert.Contains("'bridge' is one of the engine's predefined networks", bridge.Summary);
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveNetworksAsync(network);
        }
    }

    [Fact]
    public async Task Create_connect_with_an_alias_then_the_second_container_resolves_the_first_by_it()
    {
        var network = LabContainers.UniqueName("alias");
        var first = LabContainers.UniqueName("first");
        var second = LabContainers.UniqueName("second");
        try
        {
            var created = await Networks.CreateAsync(new NetworkSpec
            {
                Name = network, Labels = new Dictionary<string, string> { [LabContainers.TestLabel] = "1", [LabResources.Issue8Label] = "1" },
            });
            Assert.True(created.Ok, created.Summary);
            await LabContainers.RunSleeperAsync(first);
            await LabContainers.RunSleeperAsync(second, "--network", network);
            var connect = await Networks.ConnectAsync(network, first, "backend-db", null);
            Assert.True(connect.Ok, connect.Summary);
            Assert.Equal($"docker network connect --alias backend-db {network} {first}", connect.Cli);

            var ping = await DockerCommand.RunAsync("exec", second, "ping", "-c1", "-W2", "backend-db");
            Assert.True(ping.ExitCode == 0, $"ping by alias failed: {ping.Stdout} {ping.Stderr}");

            var aliases = await Networks.AliasesAsync(network, [await DockerCommand.InspectAsync(first, "{{.Id}}")]);
            Assert.Contains("backend-db", aliases.Values.Single());

            var disconnect = await Networks.DisconnectAsync(network, first, force: false);
            Assert.True(disconnect.Ok, disconnect.Summary);
            var after = await DockerCommand.RunAsync("exec", second, "ping", "-c1", "-W2", "backend-db");
            Assert.NotEqual(0, after.ExitCode);
        }
        finally
        {
            await LabContainers.RemoveAsync(first, second);
            await LabResources.RemoveNetworksAsync(network);
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

    private static async Task<bool> ExistsAsync(string kind, string name) => (await DockerCommand.RunAsync(kind, "inspect", name)).ExitCode == 0;

    [Fact]
    public async Task Network_connect_disconnect_and_remove_run_the_line_their_plan_showed()
    {
        var network = LabContainers.UniqueName("plannet");
        var container = LabContainers.UniqueName("plannetc");
        try
        {
            await LabContainers.RunSleeperAsync(container);
            await LabResources.CreateNetworkAsync(network);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindNetwork(network) is not null, Seconds5));
            await PlanAssert.RefusedOnceAsync(Networks.PlanConnect(network, "", "db", null), "Choose the container to connect.");
            await PlanAssert.RefusedOnceAsync(Networks.PlanConnect(network, container, "db", "10.300.0.1"),
                "'10.300.0.1' is not a valid IP address: use an IPv4 or IPv6 address, e.g. 172.30.0.10.");
            await PlanAssert.RunsAsShownAsync(Networks.PlanConnect(network, container, "db", null), $"docker network connect --alias db {network} {container}");
            await PlanAssert.RunsAsShownAsync(Networks.PlanDisconnect(network, container, force: false), $"docker network disconnect {network} {container}");
            await PlanAssert.RunsAsShownAsync(Networks.PlanRemove([network]), $"docker network rm {network}");
            await LabResources.CreateVolumeAsync(network);
            await PlanAssert.RunsAsShownAsync(Volumes.PlanRemove([network], force: false), $"docker volume rm {network}");
            var label = LabResources.UniqueLabel();
            await PlanAssert.RunsAsShownAsync(Volumes.PlanPrune(label), Quayside.Engine.Cli.DockerCli.VolumePrune(label));
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveNetworksAsync(network);
            await LabResources.RemoveVolumesAsync(network);
        }
    }

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
