using System.Text;
using Quayside.Engine.Connection;
using Quayside.Engine.Consoles;
using Quayside.TestSupport;
using Xunit.Abstractions;

namespace Quayside.Engine.Tests.Consoles;

public class ConsoleServiceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly List<string> _made = [];
    private readonly EngineClient _client = new(EngineEndpoint.FromEnvironment());
    private ConsoleService Service => new(_client);

    private async Task<string> ShellContainerAsync()
    {
        var name = Made(LabContainers.UniqueName("console"));
        await LabContainers.RunSleeperAsync(name);
        return name;
    }

    private string Made(string name)
    {
        _made.Add(name);
        return name;
    }

    [Fact]
    public async Task A_shell_echoes_what_is_typed_and_reports_its_exit_code()
    {
        var name = await ShellContainerAsync();
        await using var session = await Service.StartExecAsync(name, new ExecRequest("/bin/sh"), 24, 80, default);
        var screen = new Screen(session);
        await session.WriteAsync("echo hel''lo\n"u8.ToArray(), default);
        await screen.WaitForAsync("hello\r\n");
        await session.WriteAsync("exit 3\n"u8.ToArray(), default);
        await screen.EndAsync();
        var end = await session.EndAsync(default);
        Assert.Equal(3, end.ExitCode);
        Assert.False(end.CommandNotFound);
    }

    [Fact]
    public async Task Each_keystroke_comes_back_as_its_echo()
    {
        var name = await ShellContainerAsync();
        await using var session = await Service.StartExecAsync(name, new ExecRequest("/bin/sh"), 24, 80, default);
        var screen = new Screen(session);
        await session.WriteAsync("echo rea''dy\n"u8.ToArray(), default);
        await screen.WaitForAsync("ready\r\n");
        await Task.Delay(500); // the prompt, and the shell's own terminal queries
        var times = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            screen.ForgetArrivals();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await session.WriteAsync("x"u8.ToArray(), default);
            Assert.True(await screen.NextArrivalAsync(), "no echo");
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        Assert.EndsWith(new string('x', 50), screen.Text);
        times.Sort();
        output.WriteLine($"keystroke-to-echo straight on the engine's hijacked exec stream (no Quayside), median of 50: {times[25]:F2} ms");
    }

    [Fact]
    public async Task Resizing_changes_the_size_stty_reports()
    {
        var name = await ShellContainerAsync();
        await using var session = await Service.StartExecAsync(name, new ExecRequest("/bin/sh"), 24, 80, default);
        var screen = new Screen(session);
        await session.WriteAsync("stty size\n"u8.ToArray(), default);
        await screen.WaitForAsync("24 80");
        await session.ResizeAsync(33, 101, default);
        await session.WriteAsync("stty size\n"u8.ToArray(), default);
        await screen.WaitForAsync("33 101");
    }

    [Fact]
    public async Task Utf8_goes_both_ways_unchanged()
    {
        var name = await ShellContainerAsync();
        await using var session = await Service.StartExecAsync(name, new ExecRequest("/bin/sh"), 24, 80, default);
        var screen = new Screen(session);
        await session.WriteAsync(Encoding.UTF8.GetBytes("printf '%s\\n' \"[$(echo 'Grüße ✓ 漢字')]\"\n"), default);
        await screen.WaitForAsync("[Grüße ✓ 漢字]");
    }

    [Fact]
    public async Task User_working_dir_and_environment_reach_the_process()
    {
        var name = await ShellContainerAsync();
        var request = new ExecRequest("/bin/sh", User: "1234:5678", WorkingDir: "/etc", Env: ["GREETING=ahoy"]);
        await using var session = await Service.StartExecAsync(name, request, 24, 80, default);
        var screen = new Screen(session);
        await session.WriteAsync("echo \"<$(id -u):$(id -g) $(pwd) $GREETING>\"\n"u8.ToArray(), default);
        await screen.WaitForAsync("<1234:5678 /etc ahoy>");
    }

    [Fact]
    public async Task A_missing_working_dir_is_not_mistaken_for_a_missing_shell()
    {
        var name = await ShellContainerAsync();
        await using var session = await Service.StartExecAsync(name, new ExecRequest("/bin/sh", WorkingDir: "/no/such/dir"), 24, 80, default);
        var screen = new Screen(session);
        await screen.EndAsync();
        var end = await session.EndAsync(default);
        Assert.False(end.CommandNotFound);
        Assert.NotEqual(0, end.ExitCode);
        Assert.Contains("/no/such/dir", screen.Text);
    }

    [Fact]
    public async Task Disposing_a_session_ends_its_processes_in_the_container()
    {
        var name = await ShellContainerAsync();
        var session = await Service.StartExecAsync(name, new ExecRequest("/bin/sh"), 24, 80, default);
        var screen = new Screen(session);
        await session.WriteAsync("sleep 4242\n"u8.ToArray(), default);
        Assert.True(await EngineWait.UntilAsync(async () => (await ConsoleLab.TopAsync(name)).Contains("sleep 4242"), Patience));
        await session.DisposeAsync();
        var top = await ConsoleLab.TopAsync(name);
        Assert.DoesNotContain("sleep 4242", top);
        Assert.DoesNotContain("/bin/sh", top);
    }

    [Fact]
    public async Task The_default_shell_is_the_first_that_exists_and_none_in_an_image_without_one()
    {
        var name = await ShellContainerAsync();
        Assert.Equal("/bin/sh", await Service.FindShellAsync(name, default));
        var bare = Made(LabContainers.UniqueName("noshell"));
        await ConsoleLab.RunNoShellAsync(bare);
        Assert.Null(await Service.FindShellAsync(bare, default));
    }

    [Theory]
    [InlineData(ConsoleLab.NoShellImage, "amd64")]
    [InlineData(ConsoleLab.NoShellArm64Image, "arm64")]
    public async Task Without_a_shell_the_start_is_reported_as_not_found_and_a_copied_busybox_then_works(string image, string arch)
    {
        var name = Made(LabContainers.UniqueName("noshell"));
        await ConsoleLab.RunNoShellAsync(name, image);
        await using (var failed = await Service.StartExecAsync(name, new ExecRequest("/bin/sh"), 24, 80, default))
        {
            await new Screen(failed).EndAsync();
            var end = await failed.EndAsync(default);
            Assert.True(end.CommandNotFound, $"exit {end.ExitCode}");
        }

        Assert.Equal(arch, await Service.InstallBusyboxAsync(name, BusyboxFiles.Locate(null), default));
        Assert.Equal(ConsoleService.QuaysideShell, await Service.FindShellAsync(name, default));
        Assert.Contains("A /.quayside/busybox", await DockerCommand.OkAsync("diff", name));

        await using var session = await Service.StartExecAsync(name, new ExecRequest(ConsoleService.QuaysideShell), 24, 80, default);
        var screen = new Screen(session);
        await session.WriteAsync("echo hel''lo; ls /\n"u8.ToArray(), default);
        await screen.WaitForAsync("hello\r\n");
        await screen.WaitForAsync("sleeper");
    }

    [Fact]
    public async Task A_container_of_another_architecture_is_refused_in_words_and_left_unchanged()
    {
        var source = Made(LabContainers.UniqueName("noshell-src"));
        await ConsoleLab.RunNoShellAsync(source);
        var tag = $"quayside-lab/test-riscv64:{Guid.NewGuid():N}";
        // The same sleeper, in an image declared riscv64 (docker load of a hand-made image: the legacy builder does not
        // keep the platform of a FROM scratch image): the engine runs it (it is amd64 inside), the image says riscv64.
        var dir = Directory.CreateTempSubdirectory("qt-riscv").FullName;
        await DockerCommand.OkAsync("cp", $"{source}:/sleeper", Path.Combine(dir, "sleeper"));
        var load = await DockerCommand.RunLineAsync($"docker load -i {await ForeignImageTarAsync(dir, tag, "riscv64")}");
        Directory.Delete(dir, true);
        Assert.True(load.ExitCode == 0, load.Stderr);
        try
        {
            var name = Made(LabContainers.UniqueName("riscv"));
            await DockerCommand.OkAsync("run", "-d", "--name", name, "--label", $"{LabContainers.TestLabel}=1", tag);
            var refused = await Assert.ThrowsAsync<BusyboxUnavailableException>(() => Service.InstallBusyboxAsync(name, BusyboxFiles.Locate(null), default));
            Assert.Equal("The container's image is built for riscv64; Quayside carries a static shell only for amd64 and arm64, so it cannot add one to this container.", refused.Message);
            Assert.Empty(await DockerCommand.OkAsync("diff", name));
        }
        finally
        {
            await LabContainers.RemoveAsync([.. _made]);
            _made.Clear();
            await DockerCommand.RunAsync("rmi", tag);
        }
    }

    [Fact]
    public async Task Attach_reaches_the_main_process_and_ctrl_p_ctrl_q_detaches_it_running()
    {
        var name = Made(LabContainers.UniqueName("attach"));
        await ConsoleLab.RunInteractiveShellAsync(name);
        await using var session = await Service.AttachAsync(name, 24, 80, default);
        var screen = new Screen(session);
        await session.WriteAsync("echo att''ached\n"u8.ToArray(), default);
        await screen.WaitForAsync("attached\r\n");
        await session.WriteAsync(new byte[] { 0x10, 0x11 }, default);
        await screen.EndAsync();
        var end = await session.EndAsync(default);
        Assert.True(end.Detached);
        Assert.Equal("running", await DockerCommand.InspectAsync(name, "{{.State.Status}}"));
    }

    /// <summary>A docker-save tar of one image: the folder's sleeper as its only layer, declared for <paramref name="arch"/>.</summary>
    private static async Task<string> ForeignImageTarAsync(string dir, string tag, string arch)
    {
        var layer = Path.Combine(dir, "layer.tar");
        await using (var stream = File.Create(layer))
        await using (var writer = new System.Formats.Tar.TarWriter(stream))
            await writer.WriteEntryAsync(Path.Combine(dir, "sleeper"), "sleeper");
        var diffId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(layer)));
        await File.WriteAllTextAsync(Path.Combine(dir, "config.json"),
            $$$"""{"architecture":"{{{arch}}}","os":"linux","config":{"Cmd":["/sleeper"],"Labels":{"{{{LabContainers.TestLabel}}}":"1"}},"rootfs":{"type":"layers","diff_ids":["sha256:{{{diffId}}}"]}}""");
        await File.WriteAllTextAsync(Path.Combine(dir, "manifest.json"), $$"""[{"Config":"config.json","RepoTags":["{{tag}}"],"Layers":["layer.tar"]}]""");
        var image = Path.Combine(dir, "image.tar");
        await using (var stream = File.Create(image))
        await using (var writer = new System.Formats.Tar.TarWriter(stream))
        {
            foreach (var file in new[] { "layer.tar", "config.json", "manifest.json" })
                await writer.WriteEntryAsync(Path.Combine(dir, file), file);
        }
        return image;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await LabContainers.RemoveAsync([.. _made]);
        _client.Dispose();
    }

    /// <summary>Collects a session's output in the background, as a terminal would.</summary>
    private sealed class Screen
    {
        private readonly StringBuilder _text = new();
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly Task _reader;

        public Screen(ConsoleSession session) => _reader = ReadAsync(session);

        private async Task ReadAsync(ConsoleSession session)
        {
            var buffer = new byte[4096];
            var decoder = Encoding.UTF8.GetDecoder();
            var chars = new char[8192];
            int n;
            while ((n = await session.ReadAsync(buffer, default)) > 0)
            {
                var c = decoder.GetChars(buffer, 0, n, chars, 0);
                lock (_text)
                    _text.Append(chars, 0, c);
                _arrived.Release();
            }
        }

        public string Text
        {
            get
            {
                lock (_text)
                    return _text.ToString();
            }
        }

        public void ForgetArrivals()
        {
            while (_arrived.CurrentCount > 0)
                _arrived.Wait(0);
        }

        public Task<bool> NextArrivalAsync() => _arrived.WaitAsync(Patience);

        public async Task WaitForAsync(string expected)
        {
            if (!await EngineWait.UntilAsync(() => Text.Contains(expected), Patience))
                Assert.Fail($"'{expected}' never appeared; the terminal shows:\n{Text}");
        }

        public async Task EndAsync()
        {
            if (await Task.WhenAny(_reader, Task.Delay(Patience)) != _reader)
                Assert.Fail($"The output did not end; the terminal shows:\n{Text}");
        }
    }
}
