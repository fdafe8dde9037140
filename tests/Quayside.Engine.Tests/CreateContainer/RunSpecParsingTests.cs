using Quayside.Engine.Cli;
using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Tests.CreateContainer;

public class RunSpecParsingTests
{
    [Theory]
    [InlineData("512m", 536870912L)]
    [InlineData("1g", 1073741824L)]
    [InlineData("1.5GiB", 1610612736L)]
    [InlineData("64MB", 67108864L)]
    [InlineData("268435456", 268435456L)]
    [InlineData("100k", 102400L)]
    public void Memory_units_are_binary_like_the_docker_cli(string text, long bytes) => Assert.Equal(bytes, MemorySize.Parse(text));

    [Theory]
    [InlineData("12x")]
    [InlineData("1.5 GB extra")]
    [InlineData("-1g")]
    [InlineData("g")]
    public void Bad_memory_text_is_refused_with_the_accepted_forms(string text)
    {
        Assert.Null(MemorySize.Parse(text));
        var problem = RunSpecRules.Validate(new RunSpec { Image = "busybox", Memory = text })[RunField.Memory];
        Assert.Contains("512m", problem);
        Assert.Contains(text, problem);
    }

    [Fact]
    public void Memory_is_described_in_bytes_and_read_back_in_its_short_form()
    {
        Assert.Equal("1,610,612,736 bytes (1.5 GiB)", MemorySize.Describe(1610612736));
        Assert.Equal("512m", MemorySize.Short(536870912));
        Assert.Equal("1g", MemorySize.Short(1073741824));
    }

    [Theory]
    [InlineData("30s", 30_000_000_000L)]
    [InlineData("1m30s", 90_000_000_000L)]
    [InlineData("500ms", 500_000_000L)]
    [InlineData("1h", 3_600_000_000_000L)]
    [InlineData("1.5s", 1_500_000_000L)]
    public void Durations_follow_go_syntax(string text, long nanos)
    {
        Assert.Equal(nanos, GoDuration.ParseNanos(text));
        Assert.Equal(nanos, GoDuration.ParseNanos(GoDuration.Format(nanos)));
    }

    [Theory]
    [InlineData("30")]
    [InlineData("1 m")]
    [InlineData("soon")]
    public void Durations_without_a_unit_are_refused(string text)
    {
        Assert.Null(GoDuration.ParseNanos(text));
        Assert.Contains("1m30s", RunSpecRules.Validate(new RunSpec { Image = "busybox", HealthInterval = text })[RunField.Health]);
    }

    [Theory]
    [InlineData("sh -c 'echo hi; exit 3'", new[] { "sh", "-c", "echo hi; exit 3" })]
    [InlineData("echo \"a \\\"b\\\" c\" d\\ e", new[] { "echo", "a \"b\" c", "d e" })]
    [InlineData("  a   ''  b ", new[] { "a", "", "b" })]
    [InlineData("x'y'\"z\"", new[] { "xyz" })]
    public void Shell_words_respect_quotes(string line, string[] words)
    {
        var (split, problem) = ShellWords.Split(line);
        Assert.Null(problem);
        Assert.Equal(words, split);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_on_the_command_field()
    {
        Assert.NotNull(ShellWords.Split("echo 'oops").Problem);
        Assert.Contains("not closed", RunSpecRules.Validate(new RunSpec { Image = "busybox", Command = "echo 'oops" })[RunField.Command]);
    }

    [Fact]
    public void An_env_block_is_read_like_a_dotenv_file()
    {
        var (rows, problem) = EnvBlock.Parse("# comment\nA=1\n\nexport B = \"two words\"\nC='x=y'\nD=\n");
        Assert.Null(problem);
        Assert.Equal(["A=1", "B=two words", "C=x=y", "D="], rows.Select(r => $"{r.Key}={r.Value}"));
        Assert.Contains("Line 2", EnvBlock.Parse("A=1\nnot a pair").Problem);
    }

    [Fact]
    public void Each_bad_field_gets_a_message_saying_what_is_accepted()
    {
        var spec = new RunSpec
        {
            Image = "Not Valid",
            Name = "-bad",
            Binds = [new() { Source = "site", Target = "/data" }],
            Volumes = [new() { Source = "vol", Target = "data" }],
            Ports = [new() { ContainerPort = "70000" }, new() { ContainerPort = "80", HostPort = "x" }],
            RestartPolicy = "sometimes",
            Cpus = "-1",
            PidsLimit = "0",
            CapAdd = "NET_ADMIN, FLY",
            NetworkAliases = "api",
            Env = [new() { Key = "A B" }],
        };
        var e = RunSpecRules.Validate(spec);
        Assert.Contains("valid image", e[RunField.Image]);
        Assert.Contains("not a valid container name", e[RunField.Name]);
        Assert.Contains("relative", e[RunField.Binds]);
        Assert.Contains("absolute path", e[RunField.Binds]);
        Assert.Contains("relative", e[RunField.Volumes]);
        Assert.Contains("1 to 65535", e[RunField.Ports]);
        Assert.Contains("Row 2: the host port 'x'", e[RunField.Ports]);
        Assert.Contains("unless-stopped", e[RunField.Restart]);
        Assert.Contains("positive number", e[RunField.Cpus]);
        Assert.Contains("-1 for unlimited", e[RunField.PidsLimit]);
        Assert.Contains("CAP_FLY", e[RunField.Capabilities]);
        Assert.Contains("user-defined network", e[RunField.Network]);
        Assert.Contains("cannot hold '=' or spaces", e[RunField.Env]);
    }

    [Fact]
    public void An_empty_form_apart_from_the_image_sends_only_the_image()
    {
        var (path, body) = RunSpecBody.Build(new RunSpec { Image = "busybox" });
        Assert.Equal("/containers/create", path);
        Assert.Equal("""{"Image":"busybox"}""", body.ToJsonString());
    }
}
