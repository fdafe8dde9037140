using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Networks;

public class NetworkActionsTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private HostModel Model => fixture.Model;
    private NetworkActions Networks => new(Model);

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
    public async Task A_label_scoped_prune_removes_exactly_the_networks_it_listed()
    {
        var label = LabResources.UniqueLabel();
        var unusedNetwork = LabContainers.UniqueName("pn");
        var usedNetwork = LabContainers.UniqueName("pnu");
        var container = LabContainers.UniqueName("pc");
        try
        {
            await LabResources.CreateNetworkAsync(unusedNetwork, "--label", label);
            await LabResources.CreateNetworkAsync(usedNetwork, "--label", label);
            await LabContainers.RunSleeperAsync(container, "--network", usedNetwork);
            // Wait for the model to show the container running: a network's candidacy depends on its containers' state.
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersOnNetwork(usedNetwork).SingleOrDefault()?.State == "running", TimeSpan.FromSeconds(5)));

            var networks = NetworkQuery.PruneCandidates(Model, label).Select(n => n.Name).ToList();
            Assert.Equal([unusedNetwork], networks);

            var networkPrune = await Networks.PruneAsync(label);
            Assert.True(networkPrune.Ok, networkPrune.Summary);
            Assert.Equal($"docker network prune -f --filter label={label}", networkPrune.Cli);

            Assert.True(await EngineWait.UntilAsync(() => Model.FindNetwork(unusedNetwork) is null, TimeSpan.FromSeconds(1)),
                "the pruned network is still in the model after 1 s");
            Assert.NotEqual(0, (await DockerCommand.RunAsync("network", "inspect", unusedNetwork)).ExitCode);
            Assert.Equal(0, (await DockerCommand.RunAsync("network", "inspect", usedNetwork)).ExitCode);
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveNetworksAsync(unusedNetwork, usedNetwork);
        }
    }
}
