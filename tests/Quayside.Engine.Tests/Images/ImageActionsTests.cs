using Quayside.Engine.Images;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Images;

public class ImageActionsTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private ImageActions Actions => new(fixture.Model);

    [Fact]
    public async Task Tag_then_remove_the_tag_leaves_the_image()
    {
        var target = $"localhost:5000/qt/tag-{Guid.NewGuid():N}"[..40] + ":1.0";
        var tagged = await Actions.TagAsync(LabContainers.BusyboxImage, target);
        Assert.True(tagged.Ok, tagged.Summary);
        Assert.Equal($"docker tag {LabContainers.BusyboxImage} {target}", tagged.Cli);
        var sourceId = await DockerCommand.InspectAsync(LabContainers.BusyboxImage, "{{.Id}}");
        Assert.Equal(sourceId, await DockerCommand.InspectAsync(target, "{{.Id}}"));

        var removed = await Actions.RemoveAsync([target], force: false);
        Assert.True(removed.Ok, removed.Summary);
        Assert.StartsWith("Untagged", removed.Summary);
        Assert.NotEqual(0, (await DockerCommand.RunAsync("image", "inspect", target)).ExitCode);
        Assert.Equal(sourceId, await DockerCommand.InspectAsync(LabContainers.BusyboxImage, "{{.Id}}"));
    }

    [Fact]
    public async Task A_bad_tag_is_refused_with_what_is_accepted()
    {
        var outcome = await Actions.TagAsync(LabContainers.BusyboxImage, "Bad Name");
        Assert.False(outcome.Ok);
        Assert.Contains("is not a valid image name", outcome.Summary);
        Assert.Contains("lowercase", outcome.Summary);
    }

    [Fact]
    public async Task Removing_an_image_a_container_uses_is_refused_in_words()
    {
        var name = LabContainers.UniqueName("imguse");
        var image = $"quayside-lab/inuse-{Guid.NewGuid():N}"[..32] + ":1";
        try
        {
            // A fresh image id (busybox plus a label) so no other test's containers are involved.
            var build = await DockerCommand.RunLineAsync(
                $"printf 'FROM {LabContainers.BusyboxImage}\\nLABEL quayside.test=1 run={Guid.NewGuid():N}\\n' | docker build -q -t {image} -");
            build.EnsureSuccess("build");
            await DockerCommand.OkAsync("create", "--name", name, "--label", "quayside.test=1", image, "true");
            var imageId = await DockerCommand.InspectAsync(image, "{{.Id}}");
            Assert.True(await EngineWait.UntilAsync(() => fixture.Model.Images.ContainsKey(imageId), TimeSpan.FromSeconds(5)));

            var outcome = await Actions.RemoveAsync([imageId], force: false);
            Assert.False(outcome.Ok);
            Assert.Contains("so it was not removed", outcome.Summary);
            Assert.Equal(0, (await DockerCommand.RunAsync("image", "inspect", image)).ExitCode);
        }
        finally
        {
            await LabContainers.RemoveAsync(name);
            await DockerCommand.RunAsync("rmi", "-f", image);
        }
    }

    [Fact]
    public async Task Prune_candidates_are_the_untagged_images_no_container_uses()
    {
        var run = Guid.NewGuid().ToString("N");
        var tag = "quayside-lab/dangle:" + run[..8];
        // Building the same tag twice leaves the first build untagged: a dangling image, as after a rebuild.
        var first = await BuildAsync(tag, run, "1");
        var second = await BuildAsync(tag, run, "2");
        try
        {
            Assert.True(await EngineWait.UntilAsync(() => fixture.Model.Images.TryGetValue(first, out var i) && i.IsDangling, TimeSpan.FromSeconds(5)), "the untagged image did not show as dangling");
            var candidates = ImageQuery.PruneCandidates(fixture.Model, allUnused: false);
            Assert.Contains(candidates, i => i.Id == first);
            Assert.DoesNotContain(candidates, i => i.Id == second || i.Tags.Contains(LabContainers.BusyboxImage));

            var outcome = await Actions.PruneAsync(allUnused: false, label: $"run={run}");
            Assert.True(outcome.Ok, outcome.Summary);
            Assert.NotEqual(0, (await DockerCommand.RunAsync("image", "inspect", first)).ExitCode);
            Assert.Equal(0, (await DockerCommand.RunAsync("image", "inspect", tag)).ExitCode);
        }
        finally
        {
            await DockerCommand.RunAsync("rmi", "-f", tag, first);
        }
    }

    private static async Task<string> BuildAsync(string tag, string run, string generation)
    {
        var line = $"printf 'FROM {LabContainers.BusyboxImage}\\nLABEL quayside.test=1 run={run} generation={generation}\\n' | docker build -q -t {tag} -";
        (await DockerCommand.RunLineAsync(line)).EnsureSuccess("build");
        return await DockerCommand.InspectAsync(tag, "{{.Id}}");
    }

    [Fact]
    public async Task Tag_and_remove_run_the_line_their_plan_showed_and_a_bad_tag_is_refused_once()
    {
        var tag = LabContainers.UniqueName("plantag") + ":1";
        try
        {
            await PlanAssert.RefusedOnceAsync(Actions.PlanTag(LabContainers.BusyboxImage, "Not A Tag"),
                Quayside.Engine.Actions.InputRules.ImageReference("Not A Tag")!);
            await PlanAssert.RunsAsShownAsync(Actions.PlanTag(LabContainers.BusyboxImage, tag), $"docker tag {LabContainers.BusyboxImage} {tag}");
            Assert.True(await EngineWait.UntilAsync(() => fixture.Model.FindImage(tag) is not null, TimeSpan.FromSeconds(2)));
            await PlanAssert.RunsAsShownAsync(Actions.PlanRemove([tag], force: false), $"docker rmi {tag}");
        }
        finally
        {
            await DockerCommand.RunAsync("rmi", tag);
        }
    }
}
