using Quayside.Engine.Actions;
using Quayside.Engine.Containers;
using Quayside.Engine.DockerSystem;
using Quayside.Engine.Files;
using Quayside.Engine.Images;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Actions;

/// <summary>A plan's line, shown before asking, is the line its outcome reports; a refused input is refused by the plan alone.</summary>
public class ActionPlanTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private const string BadLabel = "a b";
    private static readonly string BadLabelSentence = "'a b' is not a label filter: write key or key=value (no spaces in the key).";
    private HostModel Model => fixture.Model;
    private ContainerActions Containers => new(Model);
    private ImageActions Images => new(Model);
    private VolumeActions Volumes => new(Model);
    private NetworkActions Networks => new(Model);
    private SystemActions Daemon => new(Model, Containers, Images, Volumes, Networks);

    private async Task<string> SleeperAsync(string prefix)
    {
        var name = LabContainers.UniqueName(prefix);
        await LabContainers.RunSleeperAsync(name);
        Assert.True(await EngineWait.UntilAsync(() => Model.FindContainer(name) is not null, TimeSpan.FromSeconds(2)));
        return name;
    }

    /// <summary>Runs the plan and checks it did so with the line it showed.</summary>
    private static async Task<ActionOutcome> RunShownAsync(ActionPlan plan, string expectedLine)
    {
        Assert.Equal(expectedLine, plan.Cli);
        Assert.Null(plan.Problem);
        var outcome = await plan.RunAsync();
        Assert.True(outcome.Ok, outcome.Summary);
        Assert.Equal(plan.Cli, outcome.Cli);
        return outcome;
    }

    /// <summary>The refusal is the plan's sentence, once, on the plan's line, and nothing reached the engine.</summary>
    private static async Task RefusedOnceAsync(ActionPlan plan, string sentence)
    {
        Assert.Equal(sentence, plan.Problem);
        var outcome = await plan.RunAsync();
        Assert.False(outcome.Ok);
        Assert.Equal(plan.Cli, outcome.Cli);
        Assert.Equal(sentence, Assert.Single(outcome.Results).Message);
        Assert.Equal(sentence, outcome.Summary);
    }

    [Fact]
    public async Task Container_actions_run_the_line_they_showed()
    {
        var name = await SleeperAsync("plan");
        try
        {
            await RunShownAsync(Containers.PlanStop([name], 1), $"docker stop -t 1 {name}");
            await RunShownAsync(Containers.PlanStart([name]), $"docker start {name}");
            await RunShownAsync(Containers.PlanPause([name]), $"docker pause {name}");
            await RunShownAsync(Containers.PlanUnpause([name]), $"docker unpause {name}");
            await RunShownAsync(Containers.PlanRestart([name], 1), $"docker restart -t 1 {name}");
            await RunShownAsync(Containers.PlanRename(name, name + "-b"), $"docker rename {name} {name}-b");
            Assert.True(await EngineWait.UntilAsync(() => Model.FindContainer(name + "-b") is not null, TimeSpan.FromSeconds(2)));
            await RunShownAsync(Containers.PlanKill([name + "-b"], "SIGKILL"), $"docker kill -s SIGKILL {name}-b");
            Assert.Equal("137", await DockerCommand.InspectAsync(name + "-b", "{{.State.ExitCode}}"));
            await RunShownAsync(Containers.PlanRemove([name + "-b"], force: true, volumes: true), $"docker rm -f -v {name}-b");
        }
        finally
        {
            await LabContainers.RemoveAsync(name, name + "-b");
        }
    }

    [Fact]
    public async Task Bad_container_inputs_are_refused_once_in_words_and_the_container_is_untouched()
    {
        var name = await SleeperAsync("planbad");
        try
        {
            await RefusedOnceAsync(Containers.PlanKill([name], "sig term"), InputRules.Signal("sig term")!);
            await RefusedOnceAsync(Containers.PlanStop([name], -1), "The stop timeout -1 is out of range: use 0 to 86400 seconds.");
            await RefusedOnceAsync(Containers.PlanRename(name, "-x"),
                "'-x' is not a valid container name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters.");
            Assert.Equal("running", await DockerCommand.InspectAsync(name, "{{.State.Status}}"));
            Assert.Equal("/" + name, await DockerCommand.InspectAsync(name, "{{.Name}}"));
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task Image_tag_and_remove_run_the_line_they_showed_and_a_bad_tag_is_refused_once()
    {
        var tag = LabContainers.UniqueName("plantag") + ":1";
        try
        {
            await RefusedOnceAsync(Images.PlanTag(LabContainers.BusyboxImage, "Not A Tag"), InputRules.ImageReference("Not A Tag")!);
            await RunShownAsync(Images.PlanTag(LabContainers.BusyboxImage, tag), $"docker tag {LabContainers.BusyboxImage} {tag}");
            Assert.True(await EngineWait.UntilAsync(() => Model.FindImage(tag) is not null, TimeSpan.FromSeconds(2)));
            await RunShownAsync(Images.PlanRemove([tag], force: false), $"docker rmi {tag}");
        }
        finally
        {
            await DockerCommand.RunAsync("rmi", tag);
        }
    }

    [Fact]
    public async Task Network_connect_disconnect_and_remove_run_the_line_they_showed()
    {
        var network = LabContainers.UniqueName("plannet");
        var name = await SleeperAsync("plannetc");
        try
        {
            await LabResources.CreateNetworkAsync(network);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindNetwork(network) is not null, TimeSpan.FromSeconds(2)));
            await RefusedOnceAsync(Networks.PlanConnect(network, "", "db", null), "Choose the container to connect.");
            await RefusedOnceAsync(Networks.PlanConnect(network, name, "db", "10.300.0.1"), InputRules.IpAddress("10.300.0.1", "IP address")!);
            await RunShownAsync(Networks.PlanConnect(network, name, "db", null), $"docker network connect --alias db {network} {name}");
            await RunShownAsync(Networks.PlanDisconnect(network, name, force: false), $"docker network disconnect {network} {name}");
            await RunShownAsync(Networks.PlanRemove([network]), $"docker network rm {network}");
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
            await LabResources.RemoveNetworksAsync(network);
        }
    }

    [Fact]
    public async Task Volume_remove_and_prune_run_the_line_they_showed()
    {
        var volume = LabContainers.UniqueName("planvol");
        try
        {
            await LabResources.CreateVolumeAsync(volume);
            await RunShownAsync(Volumes.PlanRemove([volume], force: false), $"docker volume rm {volume}");
            var label = LabResources.UniqueLabel();
            await RunShownAsync(Volumes.PlanPrune(label), Quayside.Engine.Cli.DockerCli.VolumePrune(label));
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(volume);
        }
    }

    [Fact]
    public async Task A_file_delete_runs_the_line_it_showed_and_the_root_folder_is_refused_once()
    {
        var name = await SleeperAsync("planfile");
        try
        {
            await DockerCommand.OkAsync("exec", name, "touch", "/gone");
            var files = new ContainerFiles(Model);
            await RefusedOnceAsync(files.PlanDelete(name, "/"), "The root folder cannot be deleted.");
            await RunShownAsync(files.PlanDelete(name, "/gone"), Quayside.Engine.Cli.DockerCli.DeleteFile(name, "/gone"));
            Assert.NotEqual(0, (await DockerCommand.RunAsync("exec", name, "test", "-e", "/gone")).ExitCode);
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task Every_prune_refuses_a_label_that_is_not_a_filter_once_in_words()
    {
        await RefusedOnceAsync(Containers.PlanPrune(BadLabel), BadLabelSentence);
        await RefusedOnceAsync(Images.PlanPrune(allUnused: true, BadLabel), BadLabelSentence);
        await RefusedOnceAsync(Volumes.PlanPrune(BadLabel), BadLabelSentence);
        await RefusedOnceAsync(Networks.PlanPrune(BadLabel), BadLabelSentence);
        await RefusedOnceAsync(Daemon.PlanPrune(allImages: false, withVolumes: true, BadLabel), BadLabelSentence);
        await RefusedOnceAsync(Daemon.PlanPruneBuildCache(false).RefusedIf(InputRules.LabelFilter(BadLabel)), BadLabelSentence);
    }

    [Fact]
    public void A_plan_refused_on_top_keeps_its_line_and_an_unrefused_one_stays_itself()
    {
        var plan = Daemon.PlanPruneBuildCache(false);
        Assert.Same(plan, plan.RefusedIf(null));
        var refused = plan.RefusedIf("No.");
        Assert.Equal("No.", refused.Problem);
        Assert.Equal(plan.Cli, refused.Cli);
        var twice = Volumes.PlanPrune(BadLabel).RefusedIf("Other.");
        Assert.Equal(BadLabelSentence, twice.Problem);
    }
}
