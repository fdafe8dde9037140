using Quayside.Engine.Cli;
using Quayside.Engine.Model;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Volumes;

/// <summary>Volumes on the real engine: the model follows the CLI, the actions and the lines the page shows do what they say.</summary>
public class VolumeTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private HostModel Model => fixture.Model;
    private VolumeActions Volumes => new(Model);

    [Fact]
    public async Task A_volume_created_used_and_removed_from_the_cli_shows_within_a_second_each_with_its_users()
    {
        var volume = LabContainers.UniqueName("vol");
        var container = LabContainers.UniqueName("volc");
        try
        {
            await LabResources.CreateVolumeAsync(volume);
            Assert.True(await EngineWait.UntilAsync(() => Model.Volumes.ContainsKey(volume), OneSecond), "volume create not seen within 1 s");
            Assert.Empty(Model.ContainersUsingVolume(volume));
            Assert.Equal("1", Model.Volumes[volume].LabelsOrEmpty[LabResources.Issue8Label]);

            await LabContainers.CreateAsync(container, "-v", $"{volume}:/data");
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersUsingVolume(volume).Count == 1, OneSecond), "the container using the volume not seen within 1 s");
            Assert.Equal(container, Model.ContainersUsingVolume(volume)[0].Name);
            Assert.DoesNotContain(VolumeQuery.PruneCandidates(Model, LabResources.Issue8Label), v => v.Name == volume);

            await LabContainers.RemoveAsync(container);
            await DockerCommand.OkAsync("volume", "rm", volume);
            Assert.True(await EngineWait.UntilAsync(() => !Model.Volumes.ContainsKey(volume), OneSecond), "volume removal not seen within 1 s");
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveVolumesAsync(volume);
        }
    }

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
    public async Task Volume_remove_and_prune_run_the_line_their_plan_showed()
    {
        var volume = LabContainers.UniqueName("planvol");
        try
        {
            await LabResources.CreateVolumeAsync(volume);
            await PlanAssert.RunsAsShownAsync(Volumes.PlanRemove([volume], force: false), $"docker volume rm {volume}");
            var label = LabResources.UniqueLabel();
            await PlanAssert.RunsAsShownAsync(Volumes.PlanPrune(label), DockerCli.VolumePrune(label));
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(volume);
        }
    }

    [Fact]
    public async Task Volume_create_runs_the_line_its_plan_showed_and_a_bad_name_is_refused_once()
    {
        var volume = LabContainers.UniqueName("planmk");
        try
        {
            var spec = new VolumeSpec { Name = volume, Labels = new Dictionary<string, string> { [LabContainers.TestLabel] = "1", [LabResources.Issue8Label] = "1" } };
            await PlanAssert.RunsAsShownAsync(Volumes.PlanCreate(spec),
                $"docker volume create --label {LabContainers.TestLabel}=1 --label {LabResources.Issue8Label}=1 {volume}");
            Assert.Equal(volume, await DockerCommand.OkAsync("volume", "inspect", "--format", "{{.Name}}", volume));
            await PlanAssert.RefusedOnceAsync(Volumes.PlanCreate(new VolumeSpec { Name = "-" + volume }),
                $"'-{volume}' is not a valid volume name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters.");
            Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", "-" + volume)).ExitCode);
        }
        finally
        {
            await LabResources.RemoveVolumesAsync(volume);
        }
    }

    [Fact]
    public async Task A_form_problem_added_to_the_create_plan_keeps_each_sentence_and_refuses_before_the_engine()
    {
        var volume = LabContainers.UniqueName("planform");
        var plan = Volumes.PlanCreate(new VolumeSpec { Name = "-" + volume }).AlsoRefusedFor(null, "'= x' is not a valid label.");
        Assert.Equal([$"'-{volume}' is not a valid volume name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters.",
            "'= x' is not a valid label."], plan.Problems);
        Assert.Same(plan, plan.AlsoRefusedFor(null, null));
        var ok = Volumes.PlanCreate(new VolumeSpec { Name = volume }).AlsoRefusedFor("A driver is required; 'local' is the engine's own.");
        await PlanAssert.RefusedOnceAsync(ok, "A driver is required; 'local' is the engine's own.");
        Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", volume)).ExitCode);
    }
}
