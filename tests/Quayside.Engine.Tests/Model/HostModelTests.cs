using Quayside.Engine.Connection;
using Quayside.Engine.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Model;

public class HostModelTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private HostModel Model => fixture.Model;

    [Fact]
    public async Task A_container_run_from_the_cli_appears_changes_and_goes_within_a_second_each()
    {
        var name = LabContainers.UniqueName("live");
        try
        {
            var id = await LabContainers.RunSleeperAsync(name);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindContainer(name)?.State == "running", OneSecond), "run not seen within 1 s");
            Assert.Equal(id, Model.FindContainer(name)!.Id);

            await DockerCommand.OkAsync("pause", name);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindContainer(name)?.State == "paused", OneSecond), "pause not seen within 1 s");

            await DockerCommand.OkAsync("rm", "-f", name);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindContainer(name) is null, OneSecond), "removal not seen within 1 s");
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task The_image_shows_as_its_tag_and_its_platform_is_read()
    {
        var name = LabContainers.UniqueName("img");
        try
        {
            await LabContainers.CreateAsync(name);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindContainer(name) is not null, OneSecond));
            var container = Model.FindContainer(name)!;
            Assert.Equal(LabContainers.BusyboxImage, Model.ImageDisplayName(container));
            var image = Model.FindImage(LabContainers.BusyboxImage);
            Assert.NotNull(image);
            Assert.Equal("linux/amd64", image.Platform);
            Assert.True(Model.ContainersUsing(image.Id) >= 1);
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
        }
    }

    [Fact]
    public async Task A_tag_added_from_the_cli_shows_in_the_image_list()
    {
        var tag = $"quayside-lab/tagged-{Guid.NewGuid():N}".Substring(0, 30) + ":t1";
        try
        {
            await DockerCommand.OkAsync("tag", LabContainers.BusyboxImage, tag);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindImage(tag) is not null, OneSecond), "tag not seen within 1 s");
            await DockerCommand.OkAsync("rmi", tag);
            Assert.True(await EngineWait.UntilAsync(() => Model.FindImage(tag) is null, OneSecond), "untag not seen within 1 s");
        }
        finally
        {
            await DockerCommand.RunAsync("rmi", tag);
        }
    }

    [Fact]
    public async Task The_model_reports_a_lost_engine_in_words_and_recovers_by_itself_within_five_seconds()
    {
        await using var engine = new UnixSocketForwarder();
        var model = new HostModel(new EngineClient(EngineEndpoint.Parse("unix://" + engine.Path)));
        using var stop = new CancellationTokenSource();
        var run = model.RunAsync(stop.Token);
        try
        {
            Assert.True(await EngineWait.UntilAsync(() => model.Status.State == EngineConnectionState.Unreachable, TimeSpan.FromSeconds(5)));
            Assert.Contains(engine.Path, model.Status.Problem!.Message);
            Assert.Contains("does not exist", model.Status.Problem.Message);

            engine.Start();
            Assert.True(await EngineWait.UntilAsync(() => model.Status.IsConnected, TimeSpan.FromSeconds(5)), "did not recover within 5 s");
            Assert.NotEmpty(model.Images);

            engine.Stop();
            Assert.True(await EngineWait.UntilAsync(() => model.Status.State == EngineConnectionState.Unreachable, TimeSpan.FromSeconds(5)), "loss not noticed");

            engine.Start();
            Assert.True(await EngineWait.UntilAsync(() => model.Status.IsConnected, TimeSpan.FromSeconds(5)), "did not recover a second time within 5 s");
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }
}
