using System.Text.Json;
using Quayside.Engine.Cli;
using Quayside.Engine.CreateContainer;
using Quayside.Engine.Stacks;

namespace Quayside.Engine.Tests.Stacks;

public class RunLineTests
{
    private static RunSpec Parsed(string line)
    {
        var result = RunLine.Parse(line);
        Assert.True(result.Ok, string.Join(" | ", result.Problems));
        Assert.Empty(result.Problems);
        return result.Spec!;
    }

    private static string Problems(string line)
    {
        var result = RunLine.Parse(line);
        Assert.False(result.Ok);
        Assert.Null(result.Spec);
        Assert.NotEmpty(result.Problems);
        return string.Join(" | ", result.Problems);
    }

    [Fact]
    public void A_pasted_multi_line_command_fills_the_form()
    {
        var s = Parsed("""
            docker run -d --name web \
              -p 127.0.0.1:8080:80 -p 53:53/udp -p 443 -p '[::1]::9000' \
              -e MODE=prod --env 'GREETING=hello world' -e 'PRICE=$5' -l team=front --label=empty \
              -v /srv/site:/usr/share/nginx/html:ro -v data:/var/lib/data -v ./conf:/etc/app \
              --tmpfs /run:size=64m --restart on-failure:3 --memory 512m --cpus 1.5 --pids-limit 100 \
              --health-cmd 'wget -q -O- http://localhost/ || exit 1' --health-interval 30s --health-retries 3 \
              --cap-add NET_ADMIN --cap-drop MKNOD --log-driver json-file --log-opt max-size=10m \
              -w /app -u 1000:1000 -h web.local --init --read-only \
              nginx:1.27 nginx -g 'daemon off;'
            """);
        Assert.Equal("nginx:1.27", s.Image);
        Assert.Equal("web", s.Name);
        Assert.Equal(["nginx", "-g", "daemon off;"], ShellWords.Split(s.Command).Words);
        Assert.Equal(["127.0.0.1:8080:80/tcp", ":53:53/udp", "::443/tcp", "::1::9000/tcp"],
            s.Ports.Select(p => $"{p.HostIp}:{p.HostPort}:{p.ContainerPort}/{p.Protocol}"));
        Assert.Equal(["MODE=prod", "GREETING=hello world", "PRICE=$5"], s.Env.Select(e => $"{e.Key}={e.Value}"));
        Assert.Equal(["team=front", "empty="], s.Labels.Select(e => $"{e.Key}={e.Value}"));
        Assert.Equal(["/srv/site:/usr/share/nginx/html:ro", "./conf:/etc/app"], s.Binds.Select(RunSpecBody.BindText));
        Assert.Equal(["data:/var/lib/data"], s.Volumes.Select(RunSpecBody.BindText));
        Assert.Equal(("/run", "size=64m"), (s.Tmpfs[0].Target, s.Tmpfs[0].Options));
        Assert.Equal(("on-failure", "3"), (s.RestartPolicy, s.MaxRetries));
        Assert.Equal(("512m", "1.5", "100"), (s.Memory, s.Cpus, s.PidsLimit));
        Assert.Equal(("wget -q -O- http://localhost/ || exit 1", "30s", "3"), (s.HealthCmd, s.HealthInterval, s.HealthRetries));
        Assert.Equal(("NET_ADMIN", "MKNOD"), (s.CapAdd, s.CapDrop));
        Assert.Equal(("json-file", "max-size=10m"), (s.LogDriver, $"{s.LogOptions[0].Key}={s.LogOptions[0].Value}"));
        Assert.Equal(("/app", "1000:1000", "web.local"), (s.WorkingDir, s.User, s.Hostname));
        Assert.True(s.Init && s.ReadOnlyRootfs && s.StartAfterCreate);
        Assert.False(s.Interactive || s.Tty || s.Privileged || s.AutoRemove);
    }

    [Fact]
    public void Option_spellings_the_cli_accepts_give_the_same_form()
    {
        var spellings = new[]
        {
            "docker run -d -i -t -p 8080:80 -e A=1 -m 64m --network net --network-alias api --rm busybox",
            "docker container run -dit -p8080:80 -e=A=1 --memory=64m --net=net --net-alias=api --rm=true busybox",
            "docker run --detach --interactive=true --tty --publish=8080:80 --env A=1 -m64m --network net --network-alias api --rm -- busybox",
        };
        var specs = spellings.Select(l => JsonSerializer.Serialize(Parsed(l))).ToList();
        Assert.All(specs, s => Assert.Equal(specs[0], s));
        var spec = Parsed(spellings[0]);
        Assert.True(spec.Interactive && spec.Tty && spec.AutoRemove);
        Assert.Equal(("net", "api", "64m", "8080"), (spec.NetworkMode, spec.NetworkAliases, spec.Memory, spec.Ports[0].HostPort));
    }

    [Fact]
    public void Everything_after_the_image_is_the_command_even_when_it_looks_like_options()
    {
        var s = Parsed("docker run --entrypoint /bin/sh busybox -c 'echo $HOME' --rm -p 80");
        Assert.Equal("/bin/sh", s.Entrypoint);
        Assert.Equal(["-c", "echo $HOME", "--rm", "-p", "80"], ShellWords.Split(s.Command).Words);
        Assert.False(s.AutoRemove);
        Assert.Empty(s.Ports);
    }

    [Fact]
    public void An_entrypoint_with_spaces_stays_one_program_as_docker_reads_it()
    {
        var s = Parsed("docker run --entrypoint 'my tool' busybox");
        Assert.Equal(["my tool"], ShellWords.Split(s.Entrypoint).Words);
    }

    [Fact]
    public void Mount_options_of_each_type_become_rows()
    {
        var s = Parsed("docker run --mount type=bind,source=/srv,target=/data,readonly --mount source=cache,target=/cache "
            + "--mount type=tmpfs,destination=/scratch,tmpfs-size=64m,tmpfs-mode=1770 -P --privileged busybox");
        Assert.Equal(["/srv:/data:ro"], s.Binds.Select(RunSpecBody.BindText));
        Assert.Equal(["cache:/cache"], s.Volumes.Select(RunSpecBody.BindText));
        Assert.Equal(("/scratch", "size=64m,mode=1770"), (s.Tmpfs[0].Target, s.Tmpfs[0].Options));
        Assert.True(s.PublishAll && s.Privileged);
    }

    [Fact]
    public void A_repeated_variable_keeps_its_last_value_as_docker_does()
    {
        var s = Parsed("docker run -e A=1 -e B=2 -e A=3 busybox");
        Assert.Equal(["B=2", "A=3"], s.Env.Select(e => $"{e.Key}={e.Value}"));
    }

    [Fact]
    public void Comments_and_blank_lines_around_the_command_are_skipped_as_a_shell_would()
    {
        var s = Parsed("\n# the web server\ndocker run -d --name web -l 'tag=#1' -e A=b#x nginx:1.27 # pinned\n\n");
        Assert.Equal(("web", "tag=#1", "A=b#x", "nginx:1.27", ""),
            (s.Name, $"{s.Labels[0].Key}={s.Labels[0].Value}", $"{s.Env[0].Key}={s.Env[0].Value}", s.Image, s.Command));
    }

    [Theory]
    [InlineData("docker ps -a", "The line must start with docker run")]
    [InlineData("docker run -d \\\n  -p 80:80\n  nginx", "more than one line")]
    [InlineData("podman run busybox", "The line must start with docker run")]
    [InlineData("docker run -d --name x", "No image is named")]
    [InlineData("docker run --foo bar busybox", "--foo is not a docker run option Quayside converts; remove it or add it to the compose file by hand")]
    [InlineData("docker run --env-file .env busybox", "--env-file is not converted")]
    [InlineData("docker run -e HOME busybox", "-e HOME: without '=' docker takes the value from your shell")]
    [InlineData("docker run -v /data busybox", "-v /data makes an anonymous volume")]
    [InlineData("docker run --mount type=volume,target=/data busybox", "makes an anonymous volume")]
    [InlineData("docker run -v /srv:/data:z busybox", "the mode 'z' is not converted")]
    [InlineData("docker run --mount type=bind,src=/srv,dst=/data,bind-propagation=shared busybox", "'bind-propagation' is not converted")]
    [InlineData("docker run -p 8000-8010:8000-8010 busybox", "port ranges are not converted")]
    [InlineData("docker run -p 80:http busybox", "-p 80:http is not a port mapping")]
    [InlineData("docker run -v $PWD/site:/site busybox", "The line uses $PWD, which your shell would replace")]
    [InlineData("docker run -e \"TOKEN=${TOKEN}\" busybox", "The line uses ${TOKEN}")]
    [InlineData("docker run -e D=`date` busybox", "backquotes")]
    [InlineData("docker run busybox echo hi | tee out", "more than one docker run command")]
    [InlineData("docker run -d busybox && docker ps", "more than one docker run command")]
    [InlineData("docker run 'busybox", "A quote is not closed")]
    [InlineData("docker run --restart sometimes busybox", "'sometimes' is not a restart policy")]
    [InlineData("docker run --network container:db busybox", "sharing another container's network")]
    [InlineData("docker run --network host -p 80:80 busybox", "Published ports have no effect with --network host")]
    [InlineData("docker run --entrypoint '' busybox", "--entrypoint ''")]
    [InlineData("docker run --name", "--name needs a value")]
    public void A_line_that_cannot_be_converted_says_why(string line, string problem) =>
        Assert.Contains(problem, Problems(line));

    [Fact]
    public void Every_refused_option_is_named_and_the_line_reads_on_past_their_values()
    {
        var problems = RunLine.Parse("docker run --dns 1.1.1.1 -c 512 --oom-kill-disable --shm-size 1g busybox").Problems;
        Assert.Equal(["--dns", "-c", "--oom-kill-disable", "--shm-size"], problems.Select(p => p.Split(' ')[0]));
        Assert.DoesNotContain(problems, p => p.Contains("image", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_dollar_in_single_quotes_or_escaped_is_kept_as_written()
    {
        var s = Parsed("docker run -e 'A=$HOME' -e B=\\$x -e \"C=\\$y\" busybox");
        Assert.Equal(["A=$HOME", "B=$x", "C=$y"], s.Env.Select(e => $"{e.Key}={e.Value}"));
    }

    public static TheoryData<string> RoundTrips => new()
    {
        nameof(Minimal), nameof(Rich), nameof(OnUserNetwork), nameof(CreatedOnly),
    };

    private static RunSpec Minimal() => new() { Image = "busybox" };

    private static RunSpec Rich() => new()
    {
        Image = "quayside-lab/busybox:latest", Platform = "linux/amd64", Name = "rich", Command = "httpd -f -p 80 -h '/srv/my site'",
        Entrypoint = "/bin/busybox", WorkingDir = "/srv", User = "1000:1000", Hostname = "rich.local",
        Env = [new() { Key = "A", Value = "yes" }, new() { Key = "B", Value = "a: b # not a comment" }, new() { Key = "C", Value = "$HOME" }, new() { Key = "EMPTY", Value = "" }],
        Labels = [new() { Key = "quayside.test", Value = "1" }, new() { Key = "team", Value = "front end" }],
        Binds = [new() { Source = "/srv/site", Target = "/srv", ReadOnly = true }],
        Volumes = [new() { Source = "data", Target = "/var/lib/data" }],
        Tmpfs = [new() { Target = "/run", Options = "size=64m,mode=1777" }, new() { Target = "/tmp" }],
        NetworkMode = "bridge",
        Ports = [new() { HostIp = "127.0.0.1", HostPort = "8080", ContainerPort = "80" }, new() { ContainerPort = "53", Protocol = "udp" }, new() { HostIp = "::1", ContainerPort = "443" }],
        PublishAll = true, RestartPolicy = "on-failure", MaxRetries = "5",
        Memory = "512m", MemoryReservation = "256m", Cpus = "0.5", PidsLimit = "-1",
        HealthCmd = "wget -q -O- http://localhost/ || exit 1", HealthInterval = "1m30s", HealthTimeout = "5s", HealthRetries = "3", HealthStartPeriod = "10s",
        Init = true, Privileged = true, ReadOnlyRootfs = true, CapAdd = "CAP_NET_ADMIN, CAP_SYS_TIME", CapDrop = "ALL",
        LogDriver = "json-file", LogOptions = [new() { Key = "max-size", Value = "10m" }, new() { Key = "max-file", Value = "3" }],
        Interactive = true, Tty = true,
    };

    private static RunSpec OnUserNetwork() => new()
    {
        Image = "busybox", Name = "api", NetworkMode = "backend", NetworkAliases = "api, api.internal", AutoRemove = true,
        Command = "sh -c 'echo \"it'\"'\"'s $1\"'",
    };

    private static RunSpec CreatedOnly() => new() { Image = "busybox:1.36", Name = "later", StartAfterCreate = false, Tty = true };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Reading_the_line_quayside_shows_gives_the_form_back(string name)
    {
        var spec = (RunSpec)typeof(RunLineTests).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.Invoke(null, null)!;
        var line = DockerCli.Run(spec);
        var back = Parsed(line);
        Assert.Equal(JsonSerializer.Serialize(spec), JsonSerializer.Serialize(back));
    }
}
