using Quayside.Engine.Model;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Containers;

/// <summary>The model's status text against <c>docker ps -a --format '{{.Status}}'</c> on the real engine, as time passes.</summary>
public class ContainerStatusEngineTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>
{
    private HostModel Model => fixture.Model;

    [Fact]
    public async Task Every_state_reads_as_docker_ps_says_now_and_a_few_seconds_later_without_an_engine_event()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string[] label = ["--label", $"quayside.status-test={run}"];
        var running = LabContainers.UniqueName("st-run");
        var exited = LabContainers.UniqueName("st-exit3");
        var created = LabContainers.UniqueName("st-created");
        var paused = LabContainers.UniqueName("st-paused");
        var healthy = LabContainers.UniqueName("st-healthy");
        var unhealthy = LabContainers.UniqueName("st-unhealthy");
        var starting = LabContainers.UniqueName("st-starting");
        var startedLater = LabContainers.UniqueName("st-started-later");
        string[] all = [running, exited, created, paused, healthy, unhealthy, starting, startedLater];
        try
        {
            // Seen by the model as created before it starts: its start time must be read again.
            await DockerCommand.OkAsync(["create", "--name", startedLater, "--label", $"{LabContainers.TestLabel}=1", .. label, LabContainers.BusyboxImage, "sleep", "100000"]);
            Assert.True(await EngineWait.UntilAsync(() => Settled(startedLater, "created"), TimeSpan.FromSeconds(5)), Describe([startedLater]));
            await DockerCommand.OkAsync("start", startedLater);
            await LabContainers.RunSleeperAsync(running, label);
            await DockerCommand.OkAsync(["run", "-d", "--name", exited, "--label", $"{LabContainers.TestLabel}=1", .. label, LabContainers.BusyboxImage, "sh", "-c", "exit 3"]);
            await LabContainers.CreateAsync(created, label);
            await LabContainers.RunSleeperAsync(paused, label);
            await DockerCommand.OkAsync("pause", paused);
            await LabContainers.RunSleeperAsync(healthy, [.. label, "--health-cmd", "true", "--health-interval", "1s"]);
            await LabContainers.RunSleeperAsync(unhealthy, [.. label, "--health-cmd", "false", "--health-interval", "1s", "--health-retries", "1"]);
            await LabContainers.RunSleeperAsync(starting, [.. label, "--health-cmd", "true", "--health-interval", "1h"]);

            Assert.True(await EngineWait.UntilAsync(() =>
                Settled(running, "running") && Settled(startedLater, "running") && Settled(exited, "exited") && Settled(created, "created") && Settled(paused, "paused")
                && Settled(healthy, "running", "healthy") && Settled(unhealthy, "running", "unhealthy") && Settled(starting, "running", "starting"),
                TimeSpan.FromSeconds(15)), "the model did not show the containers' states with their times: " + Describe(all));

            var first = await CompareWithDockerPsAsync(run, all);
            // The wording moves on each second under a minute: wait until docker ps says something new for the running one.
            Assert.True(await EngineWait.UntilAsync(async () => (await DockerPsAsync(run))[running] != first[running], TimeSpan.FromSeconds(5)),
                $"docker ps kept saying \"{first[running]}\"");
            var second = await CompareWithDockerPsAsync(run, all);
            Assert.NotEqual(first[running], second[running]);
            Assert.StartsWith("Exited (3) ", second[exited]);
            Assert.EndsWith(" ago", second[exited]);
            Assert.Equal("Created", second[created]);
            Assert.EndsWith(" (Paused)", second[paused]);
            Assert.EndsWith(" (healthy)", second[healthy]);
            Assert.EndsWith(" (unhealthy)", second[unhealthy]);
            Assert.EndsWith(" (health: starting)", second[starting]);
        }
        finally
        {
            await LabContainers.RemoveAsync(all);
        }
    }

    private bool Settled(string name, string state, string? health = null) =>
        Model.FindContainer(name) is { Run: not null } c && c.State == state && c.Health == health;

    private string Describe(IEnumerable<string> names) => string.Join("; ", names.Select(n => Model.FindContainer(n) is { } c
        ? $"{n}: {c.State} \"{c.Status}\" health={c.Health} times={(c.Run is null ? "unread" : "read")}" : $"{n}: not in the model"));

    /// <summary>
    /// The engine wrote docker ps's text at some moment between the start and the end of the command, which can take more
    /// than a second on a loaded machine: the model's text at one of the seconds in that window must equal it.
    /// </summary>
    private async Task<Dictionary<string, string>> CompareWithDockerPsAsync(string run, string[] names)
    {
        var start = DateTimeOffset.UtcNow;
        var cli = await DockerPsAsync(run);
        var end = DateTimeOffset.UtcNow;
        Assert.All(names, n =>
        {
            var c = Model.FindContainer(n)!;
            var window = new List<string>();
            for (var at = start; at < end; at += TimeSpan.FromMilliseconds(250))
                window.Add(c.StatusAt(at));
            window.Add(c.StatusAt(end));
            Assert.True(window.Contains(cli[n]),
                $"{n}: docker ps says \"{cli[n]}\", the model \"{string.Join("\", \"", window.Distinct())}\" during the command");
        });
        return cli;
    }

    private static async Task<Dictionary<string, string>> DockerPsAsync(string run)
    {
        var lines = await DockerCommand.OkAsync("ps", "-a", "--filter", $"label=quayside.status-test={run}", "--format", "{{.Names}}\t{{.Status}}");
        return lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1]);
    }
}
