using Quayside.Engine.Cli;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Networks;

/// <summary>The lines the networks page shows, run with the real docker CLI, do what the page does.</summary>
public class NetworkCliTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private HostModel Model => fixture.Model;

    [Fact]
    public async Task The_network_create_line_makes_the_same_network_as_the_page()
    {
        var ours = LabContainers.UniqueName("eqn");
        var theirs = LabContainers.UniqueName("eqn");
        var labels = new Dictionary<string, string> { [LabContainers.TestLabel] = "1", [LabResources.Issue8Label] = "1", ["note"] = "two words" };
        NetworkSpec Spec(string name, string third) => new()
        {
            Name = name, Subnet = $"10.215.{third}.0/24", IpRange = $"10.215.{third}.128/25", Gateway = $"10.215.{third}.1",
            Internal = true, Attachable = true, Labels = labels,
        };
        try
        {
            var created = await new NetworkActions(Model).CreateAsync(Spec(ours, "1"));
            Assert.True(created.Ok, created.Summary);
            var line = DockerCli.NetworkCreate(Spec(theirs, "2"));
            (await DockerCommand.RunLineAsync(line)).EnsureSuccess(line);

            const string format = "{{.Driver}} {{.Internal}} {{.Attachable}} {{.EnableIPv6}} {{json .Labels}} {{range .IPAM.Config}}{{.Subnet}} {{.IPRange}} {{.Gateway}}{{end}}";
            var a = await DockerCommand.InspectAsync(ours, format);
            var b = await DockerCommand.InspectAsync(theirs, format);
            Assert.Equal(a.Replace("10.215.1.", "10.215.X."), b.Replace("10.215.2.", "10.215.X."));
            Assert.Contains("\"note\":\"two words\"", a);
        }
        finally
        {
            await LabResources.RemoveNetworksAsync(ours, theirs);
        }
    }

    [Fact]
    public async Task The_network_prune_line_removes_exactly_the_candidates_the_page_lists()
    {
        var label = LabResources.UniqueLabel();
        var freeNet = LabContainers.UniqueName("eqpn");
        var stoppedNet = LabContainers.UniqueName("eqpns");
        var holder = LabContainers.UniqueName("eqph");
        try
        {
            await LabResources.CreateNetworkAsync(freeNet, "--label", label);
            await LabResources.CreateNetworkAsync(stoppedNet, "--label", label);
            // A stopped container does not hold its network.
            await LabContainers.CreateAsync(holder, "--network", stoppedNet);
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersOnNetwork(stoppedNet).Count == 1, TimeSpan.FromSeconds(5)));

            var networks = NetworkQuery.PruneCandidates(Model, label).Select(n => n.Name).Order().ToList();
            Assert.Equal(new[] { freeNet, stoppedNet }.Order(), networks);
            Assert.Equal(networks, await PruneOutput.DeletedAsync(DockerCli.NetworkPrune(label)));
        }
        finally
        {
            await LabContainers.RemoveAsync(holder);
            await LabResources.RemoveNetworksAsync(freeNet, stoppedNet);
        }
    }
}
