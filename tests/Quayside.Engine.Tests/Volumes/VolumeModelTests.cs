using Quayside.Engine.Model;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Volumes;

public class VolumeModelTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private HostModel Model => fixture.Model;

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
}
