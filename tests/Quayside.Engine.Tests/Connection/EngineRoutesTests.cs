using System.Reflection;
using System.Text.RegularExpressions;
using Quayside.Engine.Build;
using Quayside.Engine.Connection;
using Quayside.Engine.ImageArchives;

namespace Quayside.Engine.Tests.Connection;

/// <summary>The one writer of engine paths: it refuses names that would reach another resource, escapes once, and stays the only one.</summary>
public sealed partial class EngineRoutesTests
{
    private const string ExecId = "985bc131e45cfdb1f195ca5c635b36ec8acffa3590296f6408669a5e89a008ee";
    private const string Hostile = "a b&c=d#e?f é";

    /// <summary>Every route method, once per id or name it takes (the others held valid).</summary>
    private static readonly Dictionary<string, Func<string, string>> IdRoutes = new()
    {
        ["ContainersCreate.name"] = v => EngineRoutes.ContainersCreate(v, null),
        ["ContainerInspect"] = EngineRoutes.ContainerInspect,
        ["ContainerStart"] = EngineRoutes.ContainerStart,
        ["ContainerStop"] = v => EngineRoutes.ContainerStop(v, 10),
        ["ContainerRestart"] = v => EngineRoutes.ContainerRestart(v, 10),
        ["ContainerPause"] = EngineRoutes.ContainerPause,
        ["ContainerUnpause"] = EngineRoutes.ContainerUnpause,
        ["ContainerKill"] = v => EngineRoutes.ContainerKill(v, "KILL"),
        ["ContainerRemove"] = v => EngineRoutes.ContainerRemove(v, force: true),
        ["ContainerRename.id"] = v => EngineRoutes.ContainerRename(v, "web"),
        ["ContainerRename.newName"] = v => EngineRoutes.ContainerRename("web", v),
        ["ContainerUpdate"] = EngineRoutes.ContainerUpdate,
        ["ContainerWait"] = v => EngineRoutes.ContainerWait(v, "not-running"),
        ["ContainerTop"] = EngineRoutes.ContainerTop,
        ["ContainerChanges"] = EngineRoutes.ContainerChanges,
        ["ContainerExport"] = EngineRoutes.ContainerExport,
        ["ContainerStats"] = v => EngineRoutes.ContainerStats(v, stream: true),
        ["ContainerLogs"] = v => EngineRoutes.ContainerLogs(v, false, false, 10, null, null),
        ["ContainerArchive"] = v => EngineRoutes.ContainerArchive(v, "/etc"),
        ["ContainerAttach"] = v => EngineRoutes.ContainerAttach(v, "ctrl-p,ctrl-q"),
        ["ContainerResize"] = v => EngineRoutes.ContainerResize(v, 24, 80),
        ["ContainerExec"] = EngineRoutes.ContainerExec,
        ["ExecStart"] = EngineRoutes.ExecStart,
        ["ExecInspect"] = EngineRoutes.ExecInspect,
        ["ExecResize"] = v => EngineRoutes.ExecResize(v, 24, 80),
        ["Commit.Container"] = v => EngineRoutes.Commit(new CommitOptions(v, null, null, null, [])),
        ["Commit.Reference"] = v => EngineRoutes.Commit(new CommitOptions("web", v, null, null, [])),
        ["ImagesCreate"] = v => EngineRoutes.ImagesCreate(v, "latest", null),
        ["ImagesImport"] = v => EngineRoutes.ImagesImport(new ImportOptions(v, [])),
        ["ImagesGet"] = v => EngineRoutes.ImagesGet(["busybox", v]),
        ["ImageInspect"] = EngineRoutes.ImageInspect,
        ["ImageHistory"] = EngineRoutes.ImageHistory,
        ["ImageRemove"] = v => EngineRoutes.ImageRemove(v, force: false),
        ["ImageTag.reference"] = v => EngineRoutes.ImageTag(v, "lab/app", "1"),
        ["ImageTag.repo"] = v => EngineRoutes.ImageTag("busybox", v, "1"),
        ["ImagePush"] = v => EngineRoutes.ImagePush(v, "latest"),
        ["Build"] = v => EngineRoutes.Build(new BuildOptions { Tags = [v] }),
        ["VolumeInspect"] = EngineRoutes.VolumeInspect,
        ["VolumeRemove"] = v => EngineRoutes.VolumeRemove(v, force: false),
        ["NetworkInspect"] = v => EngineRoutes.NetworkInspect(v, verbose: false),
        ["NetworkRemove"] = EngineRoutes.NetworkRemove,
        ["NetworkConnect"] = EngineRoutes.NetworkConnect,
        ["NetworkDisconnect"] = EngineRoutes.NetworkDisconnect,
    };

    private static readonly string[] Refused = [".", "..", "../x", "x\u0001y", "x\ny", "x\u007fy", ""];

    /// <summary>The new image's name of a commit or an import may be left empty (an untagged image).</summary>
    private static readonly string[] OptionalNames = ["Commit.Reference", "ImagesImport"];

    public static TheoryData<string, string> RouteAndRefusedValue()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in IdRoutes.Keys)
            foreach (var value in Refused.Where(v => v.Length > 0 || !OptionalNames.Contains(route)))
                data.Add(route, value);
        return data;
    }

    [Theory]
    [MemberData(nameof(RouteAndRefusedValue))]
    public void Every_route_refuses_dots_control_characters_and_empty_names_saying_what_is_accepted(string route, string value)
    {
        var e = Assert.Throws<InvalidEngineNameException>(() => IdRoutes[route](value));
        Assert.Matches(RefusalSentence(), e.Message);
    }

    [Fact]
    public void Every_route_method_that_takes_an_id_or_name_is_in_the_refusal_test()
    {
        var idParameters = new HashSet<string> { "id", "execId", "reference", "idOrName", "name", "newName", "fromImage", "names", "repo", "o" };
        var untested = typeof(EngineRoutes).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetParameters().Any(p => idParameters.Contains(p.Name!)))
            .Where(m => !IdRoutes.Keys.Any(k => k == m.Name || k.StartsWith(m.Name + ".", StringComparison.Ordinal)))
            .Select(m => m.Name)
            .ToList();
        Assert.Empty(untested);
    }

    public static TheoryData<string, string> PathsAsTheEngineGetsThem() => new()
    {
        { EngineRoutes.ContainersList(all: true), "/containers/json?all=1" },
        { EngineRoutes.ContainersList(all: true, size: true), "/containers/json?all=1&size=1" },
        { EngineRoutes.ContainersList(all: true, filters: EngineRoutes.Filter("id", "a", "b")), "/containers/json?all=1&filters=%7B%22id%22%3A%5B%22a%22%2C%22b%22%5D%7D" },
        { EngineRoutes.ContainersCreate(null, null), "/containers/create" },
        { EngineRoutes.ContainersCreate("/web", "linux/arm64"), "/containers/create?name=web&platform=linux%2Farm64" },
        { EngineRoutes.ContainersPrune(null), "/containers/prune" },
        { EngineRoutes.ContainersPrune(EngineRoutes.Filter("label", "a=b")), "/containers/prune?filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D" },
        { EngineRoutes.ContainerInspect("/web"), "/containers/web/json" },
        { EngineRoutes.ContainerStop("web", 10), "/containers/web/stop?t=10" },
        { EngineRoutes.ContainerRestart("web", 0), "/containers/web/restart?t=0" },
        { EngineRoutes.ContainerKill("web", "SIGRTMIN+3"), "/containers/web/kill?signal=SIGRTMIN%2B3" },
        { EngineRoutes.ContainerRemove("web", force: true, volumes: false), "/containers/web?force=true&v=false" },
        { EngineRoutes.ContainerRemove("web", force: true), "/containers/web?force=true" },
        { EngineRoutes.ContainerRename("web", "web-2"), "/containers/web/rename?name=web-2" },
        { EngineRoutes.ContainerWait("web", "not-running"), "/containers/web/wait?condition=not-running" },
        { EngineRoutes.ContainerStats("web", stream: true), "/containers/web/stats?stream=1" },
        { EngineRoutes.ContainerLogs("web", true, false, null, "1714471200.250000000", "1714471300.000000000"),
            "/containers/web/logs?stdout=1&stderr=1&follow=1&timestamps=0&tail=all&since=1714471200.250000000&until=1714471300.000000000" },
        { EngineRoutes.ContainerLogs("web", false, true, 500, null, null), "/containers/web/logs?stdout=1&stderr=1&follow=0&timestamps=1&tail=500" },
        { EngineRoutes.ContainerArchive("web", "/"), "/containers/web/archive?path=%2F" },
        { EngineRoutes.ContainerAttach("web", "ctrl-p,ctrl-q"), "/containers/web/attach?stream=1&stdin=1&stdout=1&stderr=1&detachKeys=ctrl-p%2Cctrl-q" },
        { EngineRoutes.ContainerResize("web", 24, 80), "/containers/web/resize?h=24&w=80" },
        { EngineRoutes.ExecResize(ExecId, 24, 80), $"/exec/{ExecId}/resize?h=24&w=80" },
        { EngineRoutes.ExecStart(ExecId), $"/exec/{ExecId}/start" },
        { EngineRoutes.Commit(new CommitOptions("web", null, null, null, [], Pause: true)), "/commit?container=web&pause=1" },
        { EngineRoutes.ImagesCreate("localhost:5000/lab/busybox", "1.36", null), "/images/create?fromImage=localhost%3A5000%2Flab%2Fbusybox&tag=1.36" },
        { EngineRoutes.ImagesCreate("busybox", "sha256:9666f8a0c4006bbb96526b3574f7454acd4069270234828cdcef55b062364163", "linux/amd64"),
            "/images/create?fromImage=busybox&tag=sha256%3A9666f8a0c4006bbb96526b3574f7454acd4069270234828cdcef55b062364163&platform=linux%2Famd64" },
        { EngineRoutes.ImagesImport(new ImportOptions(null, [])), "/images/create?fromSrc=-" },
        { EngineRoutes.ImagesImport(new ImportOptions("localhost:5000/app", ["CMD [\"sh\"]"], "round trip")),
            "/images/create?fromSrc=-&repo=localhost%3A5000%2Fapp&tag=latest&changes=CMD%20%5B%22sh%22%5D&message=round%20trip" },
        { EngineRoutes.ImagesGet(["lab/app:1", "busybox"]), "/images/get?names=lab%2Fapp%3A1&names=busybox" },
        { EngineRoutes.ImagesLoad(quiet: false), "/images/load?quiet=0" },
        { EngineRoutes.ImagesPrune(new Dictionary<string, string[]> { ["dangling"] = ["true"] }), "/images/prune?filters=%7B%22dangling%22%3A%5B%22true%22%5D%7D" },
        { EngineRoutes.ImagesSearch("busybox", 25), "/images/search?term=busybox&limit=25" },
        { EngineRoutes.ImageRemove("busybox", force: false), "/images/busybox?force=false" },
        { EngineRoutes.ImageTag("busybox", "lab/app", "v1"), "/images/busybox/tag?repo=lab%2Fapp&tag=v1" },
        { EngineRoutes.ImagePush("localhost:5000/app", "latest"), "/images/localhost%3A5000%2Fapp/push?tag=latest" },
        { EngineRoutes.Build(new BuildOptions()), "/build?rm=1&forcerm=1&dockerfile=Dockerfile" },
        { EngineRoutes.Build(new BuildOptions { Tags = ["app:1", "app:latest"], BuildArgs = new Dictionary<string, string> { ["V"] = "1" }, Target = "final", NoCache = true, Pull = true }),
            "/build?rm=1&forcerm=1&dockerfile=Dockerfile&t=app%3A1&t=app%3Alatest&buildargs=%7B%22V%22%3A%221%22%7D&target=final&nocache=1&pull=1" },
        { EngineRoutes.BuildPrune(all: true), "/build/prune?all=true" },
        { EngineRoutes.VolumesPrune(new Dictionary<string, string[]>()), "/volumes/prune?filters=%7B%7D" },
        { EngineRoutes.VolumeRemove("data", force: true), "/volumes/data?force=true" },
        { EngineRoutes.NetworkInspect("bridge", verbose: false), "/networks/bridge?verbose=false" },
        { EngineRoutes.NetworkConnect("a/b"), "/networks/a%2Fb/connect" },
        { EngineRoutes.Events(), "/events" },
        { EngineRoutes.Events(1714471200, 1714474800, EngineRoutes.Filter("type", "container")),
            "/events?since=1714471200&until=1714474800&filters=%7B%22type%22%3A%5B%22container%22%5D%7D" },
        { EngineRoutes.SystemDf(), "/system/df" },
    };

    [Theory]
    [MemberData(nameof(PathsAsTheEngineGetsThem))]
    public void Routes_write_the_requests_the_engine_got_before(string actual, string expected) => Assert.Equal(expected, actual);

    [Fact]
    public void Query_values_with_separators_spaces_and_non_ascii_are_escaped_once()
    {
        Assert.Equal("/containers/web/archive?path=%2Fsrv%2Fa%20b%26c%3Dd%23e%3Ff%20%C3%A9", EngineRoutes.ContainerArchive("web", "/srv/" + Hostile));
        Assert.Equal("/images/search?term=a%20b%26c%3Dd%23e%3Ff%20%C3%A9&limit=25", EngineRoutes.ImagesSearch(Hostile, 25));
        Assert.Equal("/commit?container=web&pause=0&comment=a%20b%26c%3Dd%23e%3Ff%20%C3%A9&author=Zo%C3%AB%20%3Cz%40example.com%3E&changes=ENV%20A%3Db%26c",
            EngineRoutes.Commit(new CommitOptions("web", null, Hostile, "Zoë <z@example.com>", ["ENV A=b&c"], Pause: false)));
        Assert.Equal("/containers/web/kill?signal=a%20b%26c%3Dd%23e%3Ff%20%C3%A9", EngineRoutes.ContainerKill("web", Hostile));
    }

    [Fact]
    public void A_network_name_with_separators_is_escaped_once_in_the_path()
    {
        Assert.Equal("/networks/a%20b%26c%3Dd%23e%3Ff%20%C3%A9?verbose=false", EngineRoutes.NetworkInspect(Hostile, verbose: false));
        Assert.Equal("/networks/a%20b%26c%3Dd%23e%3Ff%20%C3%A9/disconnect", EngineRoutes.NetworkDisconnect(Hostile));
    }

    [Fact]
    public void A_value_that_is_already_escaped_is_escaped_again_not_decoded()
    {
        Assert.Equal("/containers/web/archive?path=%2Fa%2520b", EngineRoutes.ContainerArchive("web", "/a%20b"));
        Assert.Equal("/networks/a%252Fb", EngineRoutes.NetworkRemove("a%2Fb"));
    }

    [Fact]
    public void Every_route_passes_the_last_check_before_sending()
    {
        foreach (var (name, route) in IdRoutes)
            EnginePath.EnsureSafe(route(name.StartsWith("Exec", StringComparison.Ordinal) ? ExecId : "web"));
        foreach (var path in PathsAsTheEngineGetsThem().Select(row => (string)row[0]))
            EnginePath.EnsureSafe(path);
    }

    /// <summary>
    /// The choke point stays one: outside the connection's own files no engine source writes a path by hand (a string
    /// literal starting with one of the engine's top-level resources), escapes a URL value itself, or glues a path onto
    /// an <see cref="EnginePath"/> prefix. The registry clients talk to registries, not the engine, and are left out.
    /// </summary>
    [Fact]
    public void No_engine_file_but_the_connections_own_builds_an_engine_path_by_hand()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Quayside.slnx")))
            root = root.Parent ?? throw new DirectoryNotFoundException("Quayside.slnx is not above the test's folder.");
        var source = Path.Combine(root.FullName, "src", "Quayside.Engine");
        string[] allowed =
        [
            "Connection/EngineRoutes.cs", "Connection/EnginePath.cs", "Connection/EngineClient.cs", "Connection/HijackedConnection.cs",
            // Matches the paths EngineRoutes wrote against what an older API lacks; builds none.
            "Connection/ApiRequirements.cs",
            "Registries/RegistryClient.cs", "Registries/HubClient.cs",
        ];
        var found = new List<string>();
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.True(files.Count > 50, $"Only {files.Count} source files found under {source}.");
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/');
            if (allowed.Contains(relative))
                continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                // Comments describe paths; a regular expression matches text (a mount table), not a request.
                if (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("[GeneratedRegex(", StringComparison.Ordinal))
                    continue;
                if (HandWrittenPath().IsMatch(line))
                    found.Add($"{relative}:{i + 1}: {line}");
            }
        }
        Assert.True(found.Count == 0, "Engine paths written outside EngineRoutes:\n" + string.Join("\n", found));
    }

    [GeneratedRegex(@"(?:\$@|@\$|\$|@)?""+/(?:containers|images|exec|volumes|networks|build|events|system|info|version|auth|commit|_ping|plugins|swarm|services|nodes|secrets|configs|distribution|session|grpc|tasks)(?![\w-])|Uri\.EscapeDataString|EnginePath\.(?!EnsureSafe)\w+\(")]
    private static partial Regex HandWrittenPath();

    [GeneratedRegex(@"^(?:An empty value|'.*') is not a valid [a-z ]+: (?:use |the engine's ).+\.$")]
    private static partial Regex RefusalSentence();
}
