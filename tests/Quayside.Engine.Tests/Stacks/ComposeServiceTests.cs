using System.Text.Json.Nodes;
using Quayside.Engine.Cli;
using Quayside.Engine.CreateContainer;
using Quayside.Engine.Stacks;
using Quayside.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Quayside.Engine.Tests.Stacks;

public class ComposeServiceTests
{
    private static RunSpec Rich() => new()
    {
        Image = "quayside-lab/busybox:latest", Platform = "linux/amd64", Name = "rich", Command = "httpd -f -p 80 -h '/srv/my site'",
        Entrypoint = "/bin/busybox", WorkingDir = "/srv", User = "1000:1000", Hostname = "rich.local",
        Env = [new() { Key = "A", Value = "yes" }, new() { Key = "B", Value = "a: b # not a comment" }, new() { Key = "C", Value = "${HOME}" },
            new() { Key = "D", Value = "1.0" }, new() { Key = "E", Value = "on" }, new() { Key = "EMPTY", Value = "" }, new() { Key = "PLAIN", Value = "hello" }],
        Labels = [new() { Key = "quayside.test", Value = "1" }, new() { Key = "team", Value = "front end" }, new() { Key = "com.docker.compose.project", Value = "old" }],
        Binds = [new() { Source = "./site", Target = "/srv", ReadOnly = true }, new() { Source = "/etc/app", Target = "/etc/app" }],
        Volumes = [new() { Source = "data", Target = "/var/lib/data" }],
        Tmpfs = [new() { Target = "/run", Options = "size=64m,mode=1777" }, new() { Target = "/tmp" }],
        NetworkMode = "bridge",
        Ports = [new() { HostIp = "127.0.0.1", HostPort = "8080", ContainerPort = "80", Protocol = "udp" }, new() { ContainerPort = "53" }, new() { HostIp = "::1", ContainerPort = "443" }],
        RestartPolicy = "on-failure", MaxRetries = "5",
        Memory = "512m", MemoryReservation = "256m", Cpus = "0.5", PidsLimit = "-1",
        HealthCmd = "wget -q -O- http://localhost/ || exit 1", HealthInterval = "1m30s", HealthTimeout = "5s", HealthRetries = "3", HealthStartPeriod = "10s",
        Init = true, Privileged = true, ReadOnlyRootfs = true, CapAdd = "NET_ADMIN, cap_sys_time", CapDrop = "ALL",
        LogDriver = "json-file", LogOptions = [new() { Key = "max-size", Value = "10m" }, new() { Key = "max-file", Value = "3" }],
        Interactive = true, Tty = true,
    };

    [Fact]
    public void A_rich_form_becomes_the_compose_service_that_means_the_same()
    {
        Assert.Equal("""
            services:
              web:
                image: quayside-lab/busybox:latest
                platform: linux/amd64
                container_name: rich
                hostname: rich.local
                entrypoint: ["/bin/busybox"]
                command: ["httpd", "-f", "-p", "80", "-h", "/srv/my site"]
                working_dir: /srv
                user: "1000:1000"
                environment:
                  A: "yes"
                  B: "a: b # not a comment"
                  C: "$${HOME}"
                  D: "1.0"
                  E: "on"
                  EMPTY: ""
                  PLAIN: hello
                labels:
                  quayside.test: "1"
                  team: "front end"
                ports:
                  - "127.0.0.1:8080:80/udp"
                  - "53"
                  - "[::1]::443"
                volumes:
                  - ./site:/srv:ro
                  - /etc/app:/etc/app
                  - data:/var/lib/data
                tmpfs:
                  - "/run:size=64m,mode=1777"
                  - /tmp
                network_mode: bridge
                restart: on-failure:5
                healthcheck:
                  test: ["CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"]
                  interval: "1m30s"
                  timeout: "5s"
                  retries: 3
                  start_period: "10s"
                init: true
                privileged: true
                read_only: true
                cap_add:
                  - NET_ADMIN
                  - SYS_TIME
                cap_drop:
                  - ALL
                logging:
                  driver: json-file
                  options:
                    max-size: "10m"
                    max-file: "3"
                mem_limit: "512m"
                mem_reservation: "256m"
                cpus: 0.5
                pids_limit: -1
                stdin_open: true
                tty: true
            volumes:
              data:
                name: data

            """, ComposeService.ToYaml("web", Rich()));
    }

    [Fact]
    public void A_long_or_multi_line_value_stays_one_quoted_line()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 60));
        var yaml = ComposeService.ToYaml("x", new RunSpec { Image = "busybox", Env = [new() { Key = "LONG", Value = sentence }, new() { Key = "LINES", Value = "a\n\"b\"\tc" }] });
        Assert.Contains($"      LONG: \"{sentence}\"\n", yaml);
        Assert.Contains("      LINES: \"a\\n\\\"b\\\"\tc\"\n", yaml);
    }

    [Fact]
    public void A_user_network_is_the_existing_one_and_what_compose_cannot_say_is_said_in_a_comment()
    {
        var spec = new RunSpec { Image = "busybox", NetworkMode = "backend", NetworkAliases = "api, api.internal", PublishAll = true, AutoRemove = true, RestartPolicy = "no" };
        Assert.Equal("""
            # -P (publish every exposed port) has no compose equivalent: list the ports under ports.
            # --rm has no compose equivalent: compose keeps the container until docker-compose down.
            services:
              api:
                image: busybox
                networks:
                  backend:
                    aliases:
                      - api.internal
                restart: "no"
            networks:
              backend:
                external: true

            """, ComposeService.ToYaml("api", spec));
    }

    [Fact]
    public void A_project_read_back_from_its_containers_leaves_out_what_compose_adds_itself()
    {
        KeyValueRow Compose(string key, string value) => new() { Key = "com.docker.compose." + key, Value = value };
        var web = new RunSpec
        {
            Image = "nginx", Name = "shop_web_1", NetworkMode = "shop_default", NetworkAliases = "web",
            Labels = [Compose("project", "shop"), Compose("service", "web"), Compose("container-number", "1")],
            Volumes = [new() { Source = "shop_data", Target = "/data" }, new() { Source = "shared", Target = "/shared" }],
        };
        var worker = new RunSpec
        {
            Image = "busybox", Name = "shop-worker-1", NetworkMode = "shop_jobs", NetworkAliases = "worker, queue", Command = "sleep 1",
            Labels = [Compose("project", "shop"), new() { Key = "tier", Value = "back" }],
            Volumes = [new() { Source = "shop_data", Target = "/data", ReadOnly = true }],
        };
        var db = new RunSpec { Image = "postgres", Name = "pinned-db", NetworkMode = "outside", Labels = [Compose("project", "shop")] };
        Assert.Equal("""
            services:
              web:
                image: nginx
                volumes:
                  - data:/data
                  - shared:/shared
              worker:
                image: busybox
                command: ["sleep", "1"]
                labels:
                  tier: back
                volumes:
                  - data:/data:ro
                networks:
                  jobs:
                    aliases:
                      - queue
              db:
                image: postgres
                container_name: pinned-db
                networks:
                  - outside
            volumes:
              data: {}
              shared:
                name: shared
            networks:
              jobs: {}
              outside:
                external: true

            """, ComposeService.ProjectYaml([("web", web), ("worker", worker), ("db", db)]));
    }

    private const string ConvertedLine = "docker run -d --name NAME -p 127.0.0.1:0:80 -e A=yes -e B='a: b' -e 'C=$HOME #1' -e D=1.0 "
        + "-l quayside.test=1 -l cost='$5' --health-cmd 'wget -q -O- http://localhost/' --restart no "
        + "quayside-lab/busybox:latest httpd -f -p 80";

    [Fact]
    public async Task Docker_compose_reads_a_converted_line_with_every_value_as_written()
    {
        var name = LabContainers.UniqueName("stack-cfg");
        var spec = Converted(ConvertedLine.Replace("NAME", name));
        var folder = Directory.CreateTempSubdirectory("quayside-runline-");
        try
        {
            var file = Path.Combine(folder.FullName, "docker-compose.yml");
            await File.WriteAllTextAsync(file, ComposeService.ToYaml("x", spec));
            var config = await DockerCommand.RunLineAsync($"docker-compose -f {ShellQuote.Word(file)} config");
            Assert.True(config.ExitCode == 0, config.Stderr);

            var service = (YamlMappingNode)Root(config.Stdout)["services"]["x"];
            // compose prints values escaped as it reads them: $$ is a $ it will not substitute.
            Assert.Equal(new Dictionary<string, string> { ["A"] = "yes", ["B"] = "a: b", ["C"] = "$$HOME #1", ["D"] = "1.0" },
                ((YamlMappingNode)service["environment"]).Children.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString()));
            Assert.Equal("$$5", service["labels"]["cost"].ToString());
            Assert.Equal(name, service["container_name"].ToString());
            Assert.Equal("no", service["restart"].ToString());
            Assert.Equal(["CMD-SHELL", "wget -q -O- http://localhost/"], ((YamlSequenceNode)service["healthcheck"]["test"]).Select(n => n.ToString()));
            Assert.Equal(["127.0.0.1:0:80/tcp"], ((YamlSequenceNode)service["ports"]).Select(n => n.ToString()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_converted_line_runs_under_compose_and_reads_back_as_the_same_service()
    {
        var project = "qtstack" + Guid.NewGuid().ToString("N")[..8];
        var volume = project + "-data";
        var spec = Converted(ConvertedLine.Replace("--name NAME ", $"-v {volume}:/data -v /etc/hostname:/etc/seen:ro --init "));
        var folder = Directory.CreateTempSubdirectory("quayside-runline-");
        var compose = $"docker-compose -p {project} -f {ShellQuote.Word(Path.Combine(folder.FullName, "docker-compose.yml"))}";
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "docker-compose.yml"), ComposeService.ToYaml("web", spec));
            var up = await DockerCommand.RunLineAsync($"{compose} up --no-start");
            Assert.True(up.ExitCode == 0, up.Stderr);

            var container = (await Inspect($"{project}_web_1"))!;
            Assert.Equal(["A=yes", "B=a: b", "C=$HOME #1", "D=1.0"],
                container["Config"]!["Env"]!.AsArray().Select(e => e!.GetValue<string>()).Where(e => e[0] is >= 'A' and <= 'D'));
            Assert.Equal("$5", container["Config"]!["Labels"]!["cost"]!.GetValue<string>());

            var readBack = RunSpecInspect.From(container, await Inspect(LabContainers.BusyboxImage));
            Assert.Equal($"""
                services:
                  web:
                    image: quayside-lab/busybox:latest
                    command: ["httpd", "-f", "-p", "80"]
                    environment:
                      A: "yes"
                      B: "a: b"
                      C: "$$HOME #1"
                      D: "1.0"
                    labels:
                      cost: "$$5"
                      quayside.test: "1"
                    ports:
                      - "127.0.0.1:0:80"
                    volumes:
                      - /etc/hostname:/etc/seen:ro
                      - {volume}:/data
                    healthcheck:
                      test: ["CMD-SHELL", "wget -q -O- http://localhost/"]
                    init: true
                volumes:
                  {volume}:
                    name: {volume}

                """, ComposeService.ProjectYaml([("web", readBack)]));
        }
        finally
        {
            await DockerCommand.RunLineAsync($"{compose} down -v");
            await DockerCommand.RunAsync("volume", "rm", "-f", volume);
            folder.Delete(recursive: true);
        }
    }

    private static RunSpec Converted(string line)
    {
        var result = RunLine.Parse(line);
        Assert.True(result.Ok, string.Join(" | ", result.Problems));
        return result.Spec!;
    }

    private static YamlMappingNode Root(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static async Task<JsonNode?> Inspect(string target) =>
        JsonNode.Parse(await DockerCommand.OkAsync("inspect", target))![0];
}
