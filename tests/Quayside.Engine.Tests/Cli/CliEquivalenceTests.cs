using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Cli;

/// <summary>Runs the lines Quayside shows with the real docker CLI and compares their effect with Quayside's own.</summary>
public class CliEquivalenceTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>, IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _made = [];
    private string _web = "", _worker = "", _idle = "";

    public async Task InitializeAsync()
    {
        _web = LabContainers.UniqueName("eq-web");
        _worker = LabContainers.UniqueName("eq-worker");
        _idle = LabContainers.UniqueName("eq-web-idle");
        _made.AddRange([_web, _worker, _idle]);
        await LabContainers.RunSleeperAsync(_web, "--label", $"eq={_run}", "--label", "tier=front");
        await LabContainers.RunSleeperAsync(_worker, "--label", $"eq={_run}", "--label", "tier=back");
        await LabContainers.CreateAsync(_idle, "--label", $"eq={_run}", "--label", "tier=front");
        Assert.True(await EngineWait.UntilAsync(() => _made.All(n => fixture.Model.FindContainer(n) is not null), TimeSpan.FromSeconds(2)));
    }

    public static TheoryData<string[], string?, string?, string[]> Filters => new()
    {
        { ["running"], null, null, [] },
        { ["created", "exited"], null, null, [] },
        { [], "eq-web", null, [] },
        { [], "^/qt-eq-worker", null, [] },
        { [], null, LabContainers.BusyboxImage, [] },
        { ["running"], null, null, ["tier=front"] },
        { [], null, null, ["tier"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_ps_line_lists_the_same_containers_as_the_page(string[] states, string? name, string? image, string[] labels)
    {
        // Scope both sides to this test's containers with one more label filter.
        var filter = new ContainerFilter { States = states, Name = name, Image = image, Labels = [.. labels, $"eq={_run}"] };
        var ours = ContainerQuery.Apply(fixture.Model, filter).Select(c => c.Name).Order().ToList();
        var line = DockerCli.Ps(filter) + " --format '{{.Names}}'";
        var cli = (await DockerCommand.RunLineAsync(line)).EnsureSuccess(line).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToList();
        Assert.NotEmpty(cli);
        Assert.Equal(cli, ours);
    }

    [Fact]
    public async Task The_stop_and_rename_lines_have_the_same_effect_as_the_actions()
    {
        var actions = new ContainerActions(fixture.Model);
        var viaCli = DockerCli.Stop([_web], 1);
        (await DockerCommand.RunLineAsync(viaCli)).EnsureSuccess(viaCli);
        var viaQuayside = await actions.StopAsync([_worker], 1);
        Assert.True(viaQuayside.Ok);
        Assert.Equal(await DockerCommand.InspectAsync(_web, "{{.State.Status}} {{.State.ExitCode}}"),
            await DockerCommand.InspectAsync(_worker, "{{.State.Status}} {{.State.ExitCode}}"));

        var renameLine = DockerCli.Rename(_web, _web + "-x");
        _made.Add(_web + "-x");
        (await DockerCommand.RunLineAsync(renameLine)).EnsureSuccess(renameLine);
        Assert.Equal("/" + _web + "-x", await DockerCommand.InspectAsync(_web + "-x", "{{.Name}}"));
    }

    public Task DisposeAsync() => LabContainers.RemoveAsync([.. _made]);
}
