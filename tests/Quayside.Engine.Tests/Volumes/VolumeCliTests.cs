using Quayside.Engine.Cli;
using Quayside.Engine.Model;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Volumes;

/// <summary>The lines the volumes page shows, run with the real docker CLI, do what the page does.</summary>
public class VolumeCliTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private HostModel Model => fixture.Model;

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
    public async Task The_volume_prune_line_removes_exactly_the_candidates_the_page_lists()
    {
        var label = LabResources.UniqueLabel();
        var free = LabContainers.UniqueName("eqpv");
        var held = LabContainers.UniqueName("eqpvh");
        var holder = LabContainers.UniqueName("eqph");
        try
        {
            await LabResources.CreateVolumeAsync(free, "--label", label);
            await LabResources.CreateVolumeAsync(held, "--label", label);
            // A stopped container holds its volume.
            await LabContainers.CreateAsync(holder, "-v", $"{held}:/d");
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersUsingVolume(held).Count == 1, TimeSpan.FromSeconds(5)));

            var volumes = VolumeQuery.PruneCandidates(Model, label).Select(v => v.Name).Order().ToList();
            Assert.Equal([free], volumes);
            Assert.Equal(volumes, await PruneOutput.DeletedAsync(DockerCli.VolumePrune(label)));
        }
        finally
        {
            await LabContainers.RemoveAsync(holder);
            await LabResources.RemoveVolumesAsync(free, held);
        }
    }
}
