using Quayside.Engine.Cli;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Networks;

/// <summary>Networks on the real engine: the model follows the CLI, the actions and the lines the page shows do what they say.</summary>
public class NetworkTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private HostModel Model => fixture.Model;
    private NetworkActions Networks => new(Model);

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
    public async Task Network_connect_disconnect_and_remove_run_the_line_their_plan_showed()
    {
        var network = LabContainers.UniqueName("plannet");
        var container = LabContainers.UniqueName("plannetc");
        try
        {
            await LabContainers.RunSleeperAsync(container);
            await LabResources.CreateNetworkAsync(network);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindNetwork(network) is not null, OneSecond * 5));
            await PlanAssert.RefusedOnceAsync(Networks.PlanConnect(network, "", "db", null), "Choose the container to connect.");
            await PlanAssert.RefusedOnceAsync(Networks.PlanConnect(network, container, "db", "10.300.0.1"),
                "'10.300.0.1' is not a valid IP address: use an IPv4 or IPv6 address, e.g. 172.30.0.10.");
            await PlanAssert.RunsAsShownAsync(Networks.PlanConnect(network, container, "db", null), $"docker network connect --alias db {network} {container}");
            await PlanAssert.RunsAsShownAsync(Networks.PlanDisconnect(network, container, force: false), $"docker network disconnect {network} {container}");
            await PlanAssert.RunsAsShownAsync(Networks.PlanRemove([network]), $"docker network rm {network}");
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveNetworksAsync(network);
        }
    }

    [Fact]
    public async Task Network_create_runs_the_line_its_plan_showed_and_bad_fields_are_refused_once_each_in_its_sentence()
    {
        var network = LabContainers.UniqueName("planmk");
        try
        {
            var spec = new NetworkSpec { Name = network, Internal = true, Labels = new Dictionary<string, string> { [LabContainers.TestLabel] = "1", [LabResources.Issue8Label] = "1" } };
            await PlanAssert.RunsAsShownAsync(Networks.PlanCreate(spec),
                $"docker network create --internal --label {LabContainers.TestLabel}=1 --label {LabResources.Issue8Label}=1 {network}");
            Assert.Equal("true", await DockerCommand.OkAsync("network", "inspect", "--format", "{{.Internal}}", network));
            var bad = Networks.PlanCreate(new NetworkSpec { Name = network + "-b", Subnet = "10.300.0.0/16", Gateway = "x" });
            Assert.Equal(["'10.300.0.0/16' is not a valid subnet: use CIDR notation, e.g. 172.30.0.0/16 or fd00:1::/64.",
                "'x' is not a valid gateway: use an IPv4 or IPv6 address, e.g. 172.30.0.10."], bad.Problems);
            await PlanAssert.RefusedOnceAsync(bad, string.Join(" ", bad.Problems));
            Assert.NotEqual(0, (await DockerCommand.RunAsync("network", "inspect", network + "-b")).ExitCode);
        }
        finally
        {
            await LabResources.RemoveNetworksAsync(network, network + "-b");
        }
    }
}
