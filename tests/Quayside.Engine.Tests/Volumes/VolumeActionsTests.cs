using Quayside.Engine.Model;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Volumes;

public class VolumeActionsTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private HostModel Model => fixture.Model;
    private VolumeActions Volumes => new(Model);

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
    public async Task A_label_scoped_prune_removes_exactly_the_volumes_it_listed()
    {
        var label = LabResources.UniqueLabel();
        var unusedVolume = LabContainers.UniqueName("pv");
        var usedVolume = LabContainers.UniqueName("pvu");
        var container = LabContainers.UniqueName("pc");
        try
        {
            await LabResources.CreateVolumeAsync(unusedVolume, "--label", label);
            await LabResources.CreateVolumeAsync(usedVolume, "--label", label);
            await LabContainers.RunSleeperAsync(container, "-v", $"{usedVolume}:/d");
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersUsingVolume(usedVolume).Count == 1, TimeSpan.FromSeconds(5)));

            var volumes = VolumeQuery.PruneCandidates(Model, label).Select(v => v.Name).ToList();
            Assert.Equal([unusedVolume], volumes);

            var volumePrune = await Volumes.PruneAsync(label);
            Assert.True(volumePrune.Ok, volumePrune.Summary);
            Assert.Contains(unusedVolume, volumePrune.Summary);
            Assert.Contains("reclaimed", volumePrune.Summary);

            // The engine sends one "prune" event and no "destroy" per volume: the model still drops it.
            Assert.True(await EngineWait.UntilAsync(() => !Model.Volumes.ContainsKey(unusedVolume), TimeSpan.FromSeconds(1)),
                "the pruned volume is still in the model after 1 s");
            Assert.True(Model.Volumes.ContainsKey(usedVolume));
            Assert.NotEqual(0, (await DockerCommand.RunAsync("volume", "inspect", unusedVolume)).ExitCode);
            Assert.Equal(0, (await DockerCommand.RunAsync("volume", "inspect", usedVolume)).ExitCode);
        }
        finally
        {
            await LabContainers.RemoveAsync(container);
            await LabResources.RemoveVolumesAsync(unusedVolume, usedVolume);
        }
    }
}
