using Quayside.Engine.ImageArchives;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.ImageArchives;

public sealed class ImageArchiveActionsTests(ImageLabFixture lab) : IClassFixture<ImageLabFixture>
{
    private ImageArchiveActions Archives => new(lab.Model);

    [Fact]
    public async Task Commit_makes_an_image_holding_the_containers_change_and_the_given_changes()
    {
        var name = lab.NewContainer("commit");
        await LabContainers.RunSleeperAsync(name);
        await DockerCommand.OkAsync("exec", name, "sh", "-c", "echo committed > /marker");
        await EngineWait.UntilAsync(() => lab.Model.FindContainer(name) is not null, TimeSpan.FromSeconds(5));
        var tag = lab.NewImage("commit");

        var outcome = await Archives.CommitAsync(new CommitOptions(name, tag, "a message", "Quayside Test <qt@example.com>", ["ENV QT_COMMITTED=1"]));

        Assert.True(outcome.Ok, outcome.Summary);
        Assert.Equal($"docker commit -m 'a message' -a 'Quayside Test <qt@example.com>' -c 'ENV QT_COMMITTED=1' {name} {tag}", outcome.Cli);
        Assert.Equal("committed", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag, "cat", "/marker"));
        Assert.Contains("QT_COMMITTED=1", await DockerCommand.InspectAsync(tag, "{{.Config.Env}}"));
        Assert.Equal("a message", await DockerCommand.InspectAsync(tag, "{{.Comment}}"));
        Assert.Equal("running", await DockerCommand.InspectAsync(name, "{{.State.Status}}"));
    }

    [Fact]
    public async Task Commit_refuses_an_unknown_change_in_words()
    {
        var outcome = await Archives.CommitAsync(new CommitOptions("whatever", null, null, null, ["RUN rm -rf /"]));
        Assert.False(outcome.Ok);
        Assert.Contains("'RUN rm -rf /' is not a change the engine accepts", outcome.Summary);
    }

    [Fact]
    public async Task Commit_runs_the_line_its_plan_showed_and_bad_fields_are_refused_once_each_by_their_rule()
    {
        var name = lab.NewContainer("plancommit");
        await LabContainers.RunSleeperAsync(name);
        await EngineWait.UntilAsync(() => lab.Model.FindContainer(name) is not null, TimeSpan.FromSeconds(5));
        var tag = lab.NewImage("plancommit");
        await PlanAssert.RunsAsShownAsync(Archives.PlanCommit(new CommitOptions(name, tag, null, null, ["ENV QT_PLAN=1"], Pause: false)),
            $"docker commit -c 'ENV QT_PLAN=1' --pause=false {name} {tag}");
        Assert.Contains("QT_PLAN=1", await DockerCommand.InspectAsync(tag, "{{.Config.Env}}"));

        var bad = new CommitOptions(name, "Bad Name", null, null, ["RUN x", "ENV"]);
        Assert.Equal("'Bad Name' is not a valid image name: use lowercase [registry[:port]/]name[:tag], e.g. localhost:5000/team/app:1.0 (tags: letters, digits, '_', '.', '-', up to 128).",
            bad.ReferenceProblem());
        Assert.Equal("'RUN x' is not a change the engine accepts: start it with one of CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR, e.g. CMD [\"sh\"] or ENV A=1.",
            bad.ChangesProblem());
        var plan = Archives.PlanCommit(bad);
        Assert.Equal([bad.ReferenceProblem()!, bad.ChangesProblem()!, "'ENV' has no value: write e.g. ENV followed by its value."], plan.Problems);
        await PlanAssert.RefusedOnceAsync(plan, string.Join(" ", plan.Problems));
        Assert.NotEqual(0, (await DockerCommand.RunAsync("image", "inspect", "bad name")).ExitCode);
        Assert.Null(new ImportOptions(null, []).ReferenceProblem());
        Assert.Equal(bad.Problems(), new ImportOptions(bad.Reference, bad.Changes).Problems());
    }

    [Fact]
    public async Task Save_then_load_gives_back_the_same_image_id()
    {
        var tag = await lab.BuildOkAsync("save", $"FROM {LabContainers.BusyboxImage}\nRUN echo {Guid.NewGuid()} > /unique\n");
        var id = await DockerCommand.InspectAsync(tag, "{{.Id}}");
        var file = Path.Combine(Path.GetTempPath(), $"qt-i9-save-{Guid.NewGuid():N}.tar");
        try
        {
            await using (var saved = await Archives.SaveAsync([tag], CancellationToken.None))
            await using (var output = File.Create(file))
                await saved.CopyToAsync(output);
            await DockerCommand.OkAsync("rmi", tag);
            Assert.NotEqual(0, (await DockerCommand.RunAsync("image", "inspect", id)).ExitCode);

            await using var input = File.OpenRead(file);
            var lines = new List<string>();
            var loaded = await Archives.LoadAsync(input, l => { lines.Add(l.Text); return Task.CompletedTask; }, CancellationToken.None);

            Assert.True(loaded.Ok, loaded.Error);
            Assert.Contains(lines, l => l.Contains($"Loaded image: {tag}"));
            Assert.Equal(id, await DockerCommand.InspectAsync(tag, "{{.Id}}"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Load_of_something_that_is_not_an_image_tar_fails_in_words()
    {
        using var junk = new MemoryStream("this is not a tar"u8.ToArray());
        var result = await Archives.LoadAsync(junk, null, CancellationToken.None);
        Assert.False(result.Ok);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public async Task Export_then_import_round_trips_the_containers_filesystem()
    {
        var name = lab.NewContainer("export");
        await LabContainers.CreateAsync(name);
        await EngineWait.UntilAsync(() => lab.Model.FindContainer(name) is not null, TimeSpan.FromSeconds(5));
        var file = Path.Combine(Path.GetTempPath(), $"qt-i9-export-{Guid.NewGuid():N}.tar");
        var tag = lab.NewImage("import");
        try
        {
            await using (var exported = await Archives.ExportAsync(name, CancellationToken.None))
            await using (var output = File.Create(file))
                await exported.CopyToAsync(output);
            var listing = await DockerCommand.RunLineAsync($"tar -tf {file}");
            Assert.Contains("bin/busybox", listing.Stdout);

            await using var input = File.OpenRead(file);
            var imported = await Archives.ImportAsync(input, new ImportOptions(tag, ["CMD [\"echo\", \"imported\"]", "LABEL quayside.test=1"], "round trip"), null, CancellationToken.None);

            Assert.True(imported.Ok, imported.Error);
            Assert.Equal(await DockerCommand.InspectAsync(tag, "{{.Id}}"), imported.ImageId);
            Assert.Equal("imported", await DockerCommand.OkAsync("run", "--rm", "--label", "quayside.test=1", tag));
            Assert.Equal($"docker import -m 'round trip' -c 'CMD [\"echo\", \"imported\"]' -c 'LABEL quayside.test=1' filesystem.tar {tag}", imported.Cli);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
