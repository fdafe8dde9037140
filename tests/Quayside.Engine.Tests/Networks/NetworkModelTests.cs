using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Networks;

public class NetworkModelTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private HostModel Model => fixture.Model;

    [Fact]
    public async Task A_network_created_connected_and_removed_from_the_cli_shows_within_a_second_each()
    {
        var network = LabContainers.UniqueName("net");
        var container = LabContainers.UniqueName("netc");
        try
        {
            await LabResources.CreateNetworkAsync(network);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindNetwork(network) is not null, OneSecond), "network create not seen within 1 s");
            Assert.False(Model.FindNetwork(network)!.IsPredefined);

            await LabContainers.RunSleeperAsync(container);
            await DockerCommand.OkAsync("network", "connect", network, container);
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersOnNetwork(network).Any(c => c.Name == container), OneSecond), "connect not seen within 1 s");
            Assert.True(NetworkQuery.HasActiveEndpoints(Model, Model.FindNetwork(network)!));

            await DockerCommand.OkAsync("network", "disconnect", network, container);
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersOnNetwork(network).Count == 0, OneSecond), "disconnect not seen within 1 s");

            await DockerCommand.OkAsync("network", "rm", network);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindNetwork(network) is null, OneSecond), "network removal not seen within 1 s");
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveNetworksAsync(network);
        }
    }

    [Fact]
    public void The_predefined_networks_are_loaded_and_marked()
    {
        foreach (var name in new[] { "bridge", "host", "none" })
            Assert.True(Model.FindNetwork(name)?.IsPredefined, $"{name} is missing or not marked predefined");
    }
}
