using Quayside.Engine.Cli;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.HostResources;

/// <summary>The lines the volume and network pages show, run with the real docker CLI, do what the pages do.</summary>
public class HostResourcesCliTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
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
    public async Task The_volume_create_line_makes_the_same_volume_as_the_page()
    {
        var ours = LabContainers.UniqueName("eqv");
        var theirs = LabContainers.UniqueName("eqv");
        VolumeSpec Spec(string name) => new()
        {
            Name = name,
            DriverOptions = new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs", ["o"] = "size=1m" },
            Labels = new Dictionary<string, string> { [LabContainers.TestLabel] = "1", [LabResources.Issue8Label] = "1" },
        };
        try
        {
            var created = await new VolumeActions(Model).CreateAsync(Spec(ours));
            Assert.True(created.Ok, created.Summary);
            var line = DockerCli.VolumeCreate(Spec(theirs));
            (await DockerCommand.RunLineAsync(line)).EnsureSuccess(line);
            const string format = "{{.Driver}} {{json .Options}} {{json .Labels}}";
            Assert.Equal(await DockerCommand.InspectAsync(ours, format), await DockerCommand.InspectAsync(theirs, format));
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(ours, theirs);
        }
    }

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

    /// <summary>The names a prune line printed under "Deleted ...:".</summary>
    private static async Task<List<string>> DeletedAsync(string line)
    {
        var output = (await DockerCommand.RunLineAsync(line)).EnsureSuccess(line).Stdout.Split('\n', StringSplitOptions.TrimEntries);
        return [.. output.SkipWhile(l => !l.StartsWith("Deleted", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Length > 0).Order()];
    }
}
