using Quayside.Engine.Containers;
using Quayside.Engine.DockerSystem;
using Quayside.Engine.Images;
using Quayside.Engine.Model;
using Quayside.Engine.Networks;
using Quayside.Engine.Tests.Model;
using Quayside.Engine.Volumes;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.DockerSystem;

public class SystemActionsTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private HostModel Model => fixture.Model;
    private SystemActions Actions => new(Model, new ContainerActions(Model), new ImageActions(Model), new VolumeActions(Model), new NetworkActions(Model));

    [Fact]
    public async Task A_label_scoped_system_prune_removes_what_its_plan_listed_and_reports_the_space()
    {
        var label = LabResources.UniqueLabel();
        var stopped = LabContainers.UniqueName("sp");
        var volume = LabContainers.UniqueName("spv");
        try
        {
            await LabResources.CreateVolumeAsync(volume, "--label", label);
            await LabContainers.CreateAsync(stopped, "--label", label, "-v", $"{volume}:/d");
            Assert.True(await EngineWait.UntilAsync(() => Model.ContainersUsingVolume(volume).Count == 1, TimeSpan.FromSeconds(5)));

            var plan = SystemPrunePlan.For(Model, allImages: false, withVolumes: true, label);
            Assert.Equal([stopped], plan.Containers.Select(c => c.Name));
            Assert.Equal([volume], plan.Volumes.Select(v => v.Name));

            var outcome = await Actions.PruneAsync(allImages: false, withVolumes: true, label);
            Assert.True(outcome.Ok, string.Join(" | ", outcome.Results.Select(r => r.Message)));
            Assert.Equal($"docker system prune --volumes -f --filter label={label}", outcome.Cli);
            Assert.False(await ExistsAsync("container", stopped));
            Assert.False(await ExistsAsync("volume", volume));
        }
        finally
        {
            await LabContainers.RemoveAsync(stopped);
            await LabResources.RemoveVolumesAsync(volume);
        }
    }

    [Fact]
    public async Task Disk_usage_reads_raw_and_sums_like_docker_system_df()
    {
        var system = Actions;
        var df = await system.DiskUsageAsync();
        var rows = df.Rows();
        Assert.Equal(["Images", "Containers", "Local Volumes", "Build Cache"], rows.Select(r => r.Kind));
        Assert.True(rows[0].Total >= 1, "the lab image is not counted");
        Assert.All(rows, r => Assert.InRange(r.Reclaimable, 0, Math.Max(0, r.Size)));
        // Other helpers build and remove images on the shared engine: compare readings taken together until they agree.
        string ours = "", theirs = "";
        Assert.True(await EngineWait.UntilAsync(async () =>
        {
            try
            {
                ours = $"Images={(await system.DiskUsageAsync()).Rows()[0].Total}";
            }
            catch (Quayside.Engine.Connection.EngineApiException e) when (e.EngineMessage.Contains("already running"))
            {
                return false;
            }
            // The engine runs one disk-usage computation at a time and refuses a second: that is "not yet".
            theirs = (await DockerCommand.RunAsync("system", "df", "--format", "{{.Type}}={{.TotalCount}}")).Stdout.Split('\n')[0];
            return ours == theirs;
        }, TimeSpan.FromSeconds(20)), $"Quayside reads {ours}, docker system df says {theirs}");
    }

    private static async Task<bool> ExistsAsync(string kind, string name) => (await DockerCommand.RunAsync(kind, "inspect", name)).ExitCode == 0;
}
