using System.Text.Json.Nodes;
using Quayside.Engine.Cli;
using Quayside.Engine.CreateContainer;
using Quayside.Engine.Tests.Model;
using Quayside.TestSupport;

namespace Quayside.Engine.Tests.CreateContainer;

/// <summary>
/// The key promise of the create form: its preview line, run with the real docker CLI, makes the same container as
/// the dashboard's own create. Both containers' inspect Config and HostConfig must agree on every field; the only
/// differences allowed are fields the form does not set (attach flags, the CLI's empty defaults).
/// </summary>
public class RunPreviewEquivalenceTests(LiveModelFixture fixture) : IClassFixture<LiveModelFixture>, IAsyncLifetime
{
    private static readonly HashSet<string> NotSetByForm =
    [
        "AttachStdin", "AttachStdout", "AttachStderr", "StdinOnce", "Dns", "DnsOptions", "DnsSearch", "BlkioWeightDevice",
        "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "Devices", "Ulimits",
        "Runtime", "ConsoleSize",
    ];

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _containers = [];
    private readonly string _volume = LabContainers.UniqueName("eqv");
    private readonly List<string> _networks = [];
    private readonly string _bindDir = Path.Combine(Path.GetTempPath(), "qt-create-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_bindDir);
        return Task.CompletedTask;
    }

    private RunSpec Spec(Action<RunSpec> fill)
    {
        var s = new RunSpec { Image = LabContainers.BusyboxImage, Command = "sleep 100000", StartAfterCreate = false };
        s.Labels.Add(new KeyValueRow { Key = LabContainers.TestLabel, Value = "1" });
        fill(s);
        return s;
    }

    public static TheoryData<string> Forms => new() { "minimal", "everything", "host-network", "user-network", "started-with-port", "entrypoint-words", "arm64-platform" };

    private RunSpec Form(string form) => form switch
    {
        "minimal" => Spec(_ => { }),
        "everything" => Spec(s =>
        {
            s.Entrypoint = "sh -c";
            s.Command = "'echo \"it'\\''s $HOME\"; sleep 100000'";
            s.WorkingDir = "/tmp";
            s.User = "1000:1000";
            s.Hostname = "web-1";
            s.Env = [new() { Key = "MODE", Value = "a b 'c' \"d\" $x" }, new() { Key = "EMPTY", Value = "" }];
            s.Labels.Add(new() { Key = "com.example.team", Value = "blue green" });
            s.Binds = [new() { Source = _bindDir, Target = "/site", ReadOnly = true }];
            s.Volumes = [new() { Source = _volume, Target = "/data" }];
            s.Tmpfs = [new() { Target = "/cache", Options = "size=64m,mode=1777" }];
            s.Ports = [new() { HostIp = "127.0.0.1", ContainerPort = "80" }, new() { ContainerPort = "53", Protocol = "udp" }, new() { HostIp = "::1", ContainerPort = "81" }];
            s.PublishAll = true;
            s.RestartPolicy = "on-failure";
            s.MaxRetries = "3";
            s.Memory = "1.5GiB";
            s.MemoryReservation = "512m";
            s.Cpus = "0.5";
            s.PidsLimit = "100";
            s.HealthCmd = "test -e /tmp || exit 1";
            s.HealthInterval = "1m30s";
            s.HealthTimeout = "5s";
            s.HealthRetries = "3";
            s.HealthStartPeriod = "500ms";
            s.Init = true;
            s.CapAdd = "net_admin, CAP_SYS_TIME";
            s.CapDrop = "MKNOD";
            s.ReadOnlyRootfs = true;
            s.Privileged = true;
            s.LogDriver = "json-file";
            s.LogOptions = [new() { Key = "max-size", Value = "10m" }, new() { Key = "max-file", Value = "2" }];
            s.Interactive = true;
            s.Tty = true;
        }),
        "host-network" => Spec(s =>
        {
            s.NetworkMode = "host";
            s.Memory = "268435456";
            s.RestartPolicy = "unless-stopped";
            s.StartAfterCreate = true;
        }),
        "user-network" => Spec(s =>
        {
            s.NetworkMode = _networks[0];
            s.NetworkAliases = "api, api.internal";
            s.Memory = "1g";
            s.AutoRemove = true;
        }),
        "started-with-port" => Spec(s =>
        {
            s.Ports = [new() { ContainerPort = "8080" }];
            s.Memory = "64MiB";
            s.Interactive = true;
            s.StartAfterCreate = true;
        }),
        "entrypoint-words" => Spec(s =>
        {
            s.Entrypoint = "/bin/sh -c";
            s.Command = "";
            s.Tmpfs = [new() { Target = "/run" }];
        }),
        "arm64-platform" => Spec(s =>
        {
            s.Image = "quayside-lab/busybox-arm64:latest";
            s.Platform = "linux/arm64";
            s.StartAfterCreate = true;
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };


    [Theory]
    [MemberData(nameof(Forms))]
    public async Task The_preview_line_run_by_the_cli_makes_the_same_container_as_the_form(string form)
    {
        if (form == "user-network")
        {
            var net = LabContainers.UniqueName("eqnet");
            _networks.Add(net);
            await DockerCommand.OkAsync("network", "create", "--label", $"{LabContainers.TestLabel}=1", net);
        }
        var viaCli = Form(form);
        viaCli.Name = Track("eq-cli");
        var viaForm = Form(form);
        viaForm.Name = Track("eq-form");
        Assert.Empty(RunSpecRules.Validate(viaForm));

        var line = DockerCli.Run(viaCli);
        (await DockerCommand.RunLineAsync(line)).EnsureSuccess(line);
        var outcome = await new ContainerCreator(fixture.Model).CreateAsync(viaForm);
        Assert.True(outcome.Ok, outcome.Message);

        var cli = await InspectAsync(viaCli.Name);
        var ours = await InspectAsync(viaForm.Name);
        foreach (var part in new[] { "Config", "HostConfig" })
        {
            var a = Normalised(cli[part]!.AsObject());
            var b = Normalised(ours[part]!.AsObject());
            var differing = a.Select(kv => kv.Key).Union(b.Select(kv => kv.Key))
                .Where(k => !JsonNode.DeepEquals(a[k], b[k]))
                .Where(k => !NotSetByForm.Contains(k))
                .Where(k => !(k == "Hostname" && viaForm.Hostname.Length == 0))
                .Where(k => !(k == "RestartPolicy" && viaForm.RestartPolicy.Length == 0))
                .Where(k => !(k == "PortBindings" && viaForm.Ports.Count == 0))
                .Select(k => $"{part}.{k}: cli {a[k]?.ToJsonString()} vs form {b[k]?.ToJsonString()}")
                .ToList();
            Assert.True(differing.Count == 0, $"line: {line}\n" + string.Join('\n', differing));
        }
        if (viaForm.NetworkAliases.Length > 0)
            Assert.Equal(Aliases(cli, viaForm.NetworkMode), Aliases(ours, viaForm.NetworkMode));
        Assert.Equal(await DockerCommand.InspectAsync(viaCli.Name, "{{.State.Status}}"), await DockerCommand.InspectAsync(viaForm.Name, "{{.State.Status}}"));
    }

    /// <summary>
    /// The CLI passes -e and -v values through maps, so their order varies from run to run; the engine ignores the order
    /// of both.
    /// </summary>
    private static JsonObject Normalised(JsonObject part)
    {
        var copy = part.DeepClone().AsObject();
        foreach (var key in new[] { "Env", "Binds" })
        {
            if (copy[key] is JsonArray list)
                copy[key] = new JsonArray([.. list.Select(e => e!.GetValue<string>()).Order(StringComparer.Ordinal).Select(e => (JsonNode?)e)]);
        }
        return copy;
    }

    private static List<string> Aliases(JsonNode inspect, string network)
    {
        var id = inspect["Id"]!.GetValue<string>();
        return [.. inspect["NetworkSettings"]!["Networks"]![network]!["Aliases"]!.AsArray()
            .Select(a => a!.GetValue<string>()).Where(a => !id.StartsWith(a, StringComparison.Ordinal)).Order()];
    }

    private string Track(string prefix)
    {
        var name = LabContainers.UniqueName(prefix);
        _containers.Add(name);
        return name;
    }

    private static async Task<JsonNode> InspectAsync(string name) =>
        JsonNode.Parse(await DockerCommand.OkAsync("inspect", "--type", "container", name))!.AsArray()[0]!;

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _containers]);
        await DockerCommand.RunAsync("volume", "rm", "-f", _volume);
        foreach (var n in _networks)
            await DockerCommand.RunAsync("network", "rm", n);
        Directory.Delete(_bindDir, recursive: true);
    }
}
