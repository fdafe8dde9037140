using Quayside.Engine.CreateContainer;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.CreateContainer;

/// <summary>Duplicate/Edit on the real engine: the form read back from a container, and Replace with its restore.</summary>
public class ReplaceTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>, IAsyncLifetime
{
    private readonly string _name = LabContainers.UniqueName("repl");
    private readonly string _volume = LabContainers.UniqueName("replv");
    private ContainerCreator Creator => new(fixture.Model);

    public Task InitializeAsync() => LabContainers.RunSleeperAsync(_name, "--init", "-e", "MODE=old", "-v", $"{_volume}:/data",
        "--memory", "512m", "--restart", "on-failure:2", "-p", "127.0.0.1::80", "--health-cmd", "true", "--health-interval", "1m30s");

    [Fact]
    public async Task The_form_is_read_back_from_the_container_as_it_was_made()
    {
        var spec = await Creator.LoadAsync(_name);
        Assert.Equal(LabContainers.BusyboxImage, spec.Image);
        Assert.Equal(_name, spec.Name);
        Assert.Equal("sleep 100000", spec.Command);
        Assert.Equal(["MODE=old"], spec.Env.Select(e => $"{e.Key}={e.Value}"));
        Assert.Contains(spec.Labels, l => l.Key == LabContainers.TestLabel);
        Assert.DoesNotContain(spec.Labels, l => l.Key == "org.quayside.lab");
        Assert.Equal(_volume, Assert.Single(spec.Volumes).Source);
        Assert.Equal("512m", spec.Memory);
        Assert.Equal(("on-failure", "2"), (spec.RestartPolicy, spec.MaxRetries));
        var port = Assert.Single(spec.Ports);
        Assert.Equal(("127.0.0.1", "80", "tcp"), (port.HostIp, port.ContainerPort, port.Protocol));
        Assert.Equal(("true", "1m30s"), (spec.HealthCmd, spec.HealthInterval));
        Assert.True(spec.Init);
        Assert.Equal("", spec.Hostname);
        Assert.Empty(RunSpecRules.Validate(spec));
    }

    [Fact]
    public async Task Replace_swaps_the_configuration_under_the_same_name_and_keeps_the_named_volume()
    {
        await DockerCommand.OkAsync("exec", _name, "sh", "-c", "echo kept > /data/file");
        var spec = await Creator.LoadAsync(_name);
        spec.Env = [new() { Key = "MODE", Value = "new" }];
        spec.Memory = "1g";
        var outcome = await Creator.ReplaceAsync(_name, spec);
        Assert.True(outcome.Ok, outcome.Message);
        Assert.StartsWith($"docker stop {_name} && docker rm {_name} && docker run -d --name {_name}", outcome.Cli);
        Assert.Equal("running 1073741824", await DockerCommand.InspectAsync(_name, "{{.State.Status}} {{.HostConfig.Memory}}"));
        Assert.Contains("MODE=new", await DockerCommand.InspectAsync(_name, "{{json .Config.Env}}"));
        Assert.Equal("kept", await DockerCommand.OkAsync("exec", _name, "cat", "/data/file"));
        Assert.Equal("", await DockerCommand.OkAsync("ps", "-a", "-q", "--filter", $"name={_name}-replaced"));
    }

    [Fact]
    public async Task A_replacement_that_cannot_start_restores_the_old_container()
    {
        var oldId = await DockerCommand.InspectAsync(_name, "{{.Id}}");
        var spec = await Creator.LoadAsync(_name);
        spec.Command = "no-such-program --flag";
        var outcome = await Creator.ReplaceAsync(_name, spec);
        Assert.False(outcome.Ok);
        Assert.Contains("exit code 127", outcome.FieldErrors[RunField.Command]);
        Assert.Contains("restored and started again", outcome.Message);
        Assert.Equal($"{oldId} running", await DockerCommand.InspectAsync(_name, "{{.Id}} {{.State.Status}}"));
        Assert.Contains("MODE=old", await DockerCommand.InspectAsync(_name, "{{json .Config.Env}}"));
        Assert.Equal("", await DockerCommand.OkAsync("ps", "-a", "-q", "--filter", $"name={_name}-replaced"));
    }

    [Fact]
    public async Task An_auto_removed_container_that_cannot_be_replaced_is_made_again_from_its_inspect()
    {
        var name = LabContainers.UniqueName("replrm");
        var network = LabContainers.UniqueName("replnet");
        try
        {
            await DockerCommand.OkAsync("network", "create", "--label", $"{LabContainers.TestLabel}=1", network);
            await LabContainers.RunSleeperAsync(name, "--rm", "--init", "-e", "MODE=kept", "--network", network, "--network-alias", "api");
            var spec = await Creator.LoadAsync(name);
            Assert.True(spec.AutoRemove);
            spec.Init = false;
            spec.Command = "no-such-program";
            var outcome = await Creator.ReplaceAsync(name, spec);
            Assert.False(outcome.Ok);
            Assert.Contains("does not exist in the image", outcome.FieldErrors[RunField.Command]);
            Assert.Contains("restored and started again", outcome.Message);
            Assert.Equal("running true", await DockerCommand.InspectAsync(name, "{{.State.Status}} {{.HostConfig.AutoRemove}}"));
            Assert.Contains("MODE=kept", await DockerCommand.InspectAsync(name, "{{json .Config.Env}}"));
            Assert.Equal("[\"sleep\",\"100000\"]", await DockerCommand.InspectAsync(name, "{{json .Config.Cmd}}"));
            Assert.Contains("\"api\"", await DockerCommand.InspectAsync(name, $"{{{{json (index .NetworkSettings.Networks \"{network}\").Aliases}}}}"));
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
            await DockerCommand.RunAsync("network", "rm", network);
        }
    }

    [Fact]
    public async Task A_create_refused_by_the_engine_names_the_field_and_leaves_nothing_behind()
    {
        var taken = await Creator.CreateAsync(new RunSpec { Image = LabContainers.BusyboxImage, Name = _name, StartAfterCreate = false });
        Assert.Contains("already used by another container", taken.FieldErrors[RunField.Name]);

        var other = LabContainers.UniqueName("nonet");
        var network = await Creator.CreateAsync(new RunSpec { Image = LabContainers.BusyboxImage, Name = other, NetworkMode = "qt-no-such-net", Command = "sleep 1",
            Labels = [new() { Key = LabContainers.TestLabel, Value = "1" }] });
        Assert.Contains("There is no network 'qt-no-such-net'", network.FieldErrors[RunField.Network]);
        Assert.Equal("", await DockerCommand.OkAsync("ps", "-a", "-q", "--filter", $"name={other}"));

        var hostPort = await DockerCommand.InspectAsync(_name, "{{(index (index .NetworkSettings.Ports \"80/tcp\") 0).HostPort}}");
        var portTaker = LabContainers.UniqueName("porttaken");
        var port = await Creator.CreateAsync(new RunSpec { Image = LabContainers.BusyboxImage, Name = portTaker, Command = "sleep 1",
            Ports = [new() { HostIp = "127.0.0.1", HostPort = hostPort, ContainerPort = "80" }], Labels = [new() { Key = LabContainers.TestLabel, Value = "1" }] });
        Assert.Contains($"The host port 127.0.0.1:{hostPort} is already taken", port.FieldErrors[RunField.Ports]);
        Assert.Equal("", await DockerCommand.OkAsync("ps", "-a", "-q", "--filter", $"name={portTaker}"));

        var missing = await Creator.CreateAsync(new RunSpec { Image = "quayside-lab/not-here:1" });
        Assert.Contains("docker pull quayside-lab/not-here:1", missing.FieldErrors[RunField.Image]);
    }

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync(_name);
        await DockerCommand.RunAsync("volume", "rm", "-f", _volume);
    }
}
