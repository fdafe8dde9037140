using System.Text;
using Quayside.Engine.Connection;
using Quayside.Engine.Consoles;
using Quayside.Engine.Containers;
using Quayside.Engine.Files;
using Quayside.Engine.Logs;
using Quayside.Engine.Pulls;
using Quayside.Engine.Stats;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.Hosts;

/// <summary>Every transport carries every kind of engine traffic: lists, actions, streams, the hijacked exec, uploads, pulls, stats.</summary>
[Collection(LabEngineCollection.Name)]
public sealed class TransportTests(LabEngineFixture lab) : IAsyncLifetime
{
    private readonly List<(string Transport, string Name)> _made = [];

    public static TheoryData<string> Transports => ["tls", "ssh", "tcp"];

    private async Task<string> RunAsync(string transport, string prefix, params string[] command)
    {
        var name = LabContainers.UniqueName(prefix);
        _made.Add((transport, name));
        await LabEngineFixture.DockerOnAsync(transport, ["run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", LabContainers.BusyboxImage, .. command]);
        return name;
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task The_model_lists_a_container_made_on_that_engine_and_a_stop_there_stops_it(string transport)
    {
        var model = lab[transport];
        var name = await RunAsync(transport, "tr-life", "sleep", "1000");
        Assert.True(await EngineWait.UntilAsync(() => model.Containers.Values.Any(c => c.Name == name && c.State == "running"), TimeSpan.FromSeconds(20)), $"{name} running in the {transport} model");
        Assert.Equal(model.Client.Endpoint.Address, model.Status.Address);

        var outcome = await new ContainerActions(model).StopAsync([name], timeoutSeconds: 1);
        Assert.True(outcome.Ok, outcome.Summary);
        Assert.Equal("exited", await LabEngineFixture.DockerOnAsync(transport, "inspect", "-f", "{{.State.Status}}", name));
        Assert.True(await EngineWait.UntilAsync(() => model.Containers.Values.Any(c => c.Name == name && c.State == "exited"), TimeSpan.FromSeconds(20)), $"{name} exited in the {transport} model");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Logs_stream_from_that_engine(string transport)
    {
        var name = await RunAsync(transport, "tr-logs", "sh", "-c", "for i in 1 2 3; do echo line-$i; done; sleep 1000");
        var logs = new ContainerLogs(lab[transport].Client);
        var target = await logs.ResolveAsync(name, default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        await foreach (var batch in logs.ReadLinesAsync(target, new LogQuery { Follow = true }, 0, timeout.Token))
        {
            seen.AddRange(batch.Select(l => l.Text));
            if (seen.Count >= 3)
                break;
        }
        Assert.Equal(["line-1", "line-2", "line-3"], seen);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_console_echoes_what_is_typed(string transport)
    {
        var name = await RunAsync(transport, "tr-con", "sleep", "1000");
        await using var session = await new ConsoleService(lab[transport].Client).StartExecAsync(name, new ExecRequest("/bin/sh"), 24, 80, default);
        var text = new StringBuilder();
        await session.WriteAsync("echo over''the''wire\n"u8.ToArray(), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        while (!text.ToString().Contains("overthewire\r\n"))
        {
            var n = await session.ReadAsync(buffer, timeout.Token);
            Assert.True(n > 0, $"the console ended before the echo; it showed: {text}");
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task An_uploaded_file_lands_in_the_container(string transport)
    {
        var name = await RunAsync(transport, "tr-file", "sleep", "1000");
        var model = lab[transport];
        Assert.True(await EngineWait.UntilAsync(() => model.Containers.Values.Any(c => c.Name == name), TimeSpan.FromSeconds(20)), $"{name} in the {transport} model");
        var content = Encoding.UTF8.GetBytes($"sent over {transport}\n");
        var outcome = await new ContainerFiles(model).UploadAsync(name, "/", "note.txt", new MemoryStream(content), content.Length);
        Assert.True(outcome.Ok, outcome.Summary);
        Assert.Equal($"sent over {transport}", await LabEngineFixture.DockerOnAsync(transport, "exec", name, "cat", "/note.txt"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_pull_from_the_lab_registry_lands_on_that_engine(string transport)
    {
        var tag = LabRegistry.UniqueTag(transport);
        var reference = await LabRegistry.CopyTagAsync(LabRegistry.Open, LabRegistry.Busybox, "1-amd64", tag);
        var result = await new PullActions(lab[transport].Client).PullAsync(ImageReference.Parse(reference), null, null, _ => { }, default);
        try
        {
            Assert.True(result.State == PullState.Succeeded, result.Error);
            Assert.StartsWith("sha256:", await LabEngineFixture.DockerOnAsync(transport, "image", "inspect", "-f", "{{.Id}}", reference));
        }
        finally
        {
            await DockerCommand.RunAsync("exec", LabEngineFixture.Node(transport), "docker", "rmi", reference);
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Stats_arrive_from_that_engine(string transport)
    {
        var name = await RunAsync(transport, "tr-stats", "sleep", "1000");
        var id = await LabEngineFixture.DockerOnAsync(transport, "inspect", "-f", "{{.Id}}", name);
        await using var hub = new StatsHub(lab[transport].Client);
        var sample = new TaskCompletionSource<StatsSample>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = hub.Subscribe(id, s => sample.TrySetResult(s));
        var first = await sample.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(first.MemoryUsage > 0, "a running container uses some memory");
        Assert.True(first.Pids >= 1);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (transport, name) in _made)
            await DockerCommand.RunAsync("exec", LabEngineFixture.Node(transport), "docker", "rm", "-f", name);
    }
}
