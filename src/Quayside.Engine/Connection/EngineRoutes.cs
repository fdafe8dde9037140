using System.Globalization;
using System.Text;
using System.Text.Json;
using Quayside.Engine.Build;
using Quayside.Engine.ImageArchives;
using Quayside.Engine.Images;

namespace Quayside.Engine.Connection;

/// <summary>
/// The one place that writes engine request paths, as <c>DockerCli</c> is for CLI lines: one method per engine operation
/// Quayside uses. Ids and names, in the path or in the query, pass <see cref="EnginePath"/>'s grammar (else
/// <see cref="InvalidEngineNameException"/>); every query value is escaped here, exactly once.
/// </summary>
public static class EngineRoutes
{
    /// <summary>Filters as the engine takes them: a JSON map of key to values.</summary>
    public static IReadOnlyDictionary<string, string[]> Filter(string key, params string[] values) =>
        new Dictionary<string, string[]> { [key] = values };

    // Containers

    public static string ContainersList(bool all, bool size = false, IReadOnlyDictionary<string, string[]>? filters = null) =>
        new Query("/containers/json").Set("all", all).Set("size", size).Filters(filters);

    public static string ContainersCreate(string? name, string? platform) =>
        new Query("/containers/create").Add("name", name is null ? null : EnginePath.ValidContainer(name)).Add("platform", platform);

    public static string ContainersPrune(IReadOnlyDictionary<string, string[]>? filters) => new Query("/containers/prune").Filters(filters);

    public static string ContainerInspect(string id) => Container(id, "json");

    public static string ContainerStart(string id) => Container(id, "start");

    public static string ContainerStop(string id, int timeoutSeconds) => new Query(Container(id, "stop")).Add("t", timeoutSeconds);

    public static string ContainerRestart(string id, int timeoutSeconds) => new Query(Container(id, "restart")).Add("t", timeoutSeconds);

    public static string ContainerPause(string id) => Container(id, "pause");

    public static string ContainerUnpause(string id) => Container(id, "unpause");

    public static string ContainerKill(string id, string signal) => new Query(Container(id, "kill")).Add("signal", signal);

    /// <param name="volumes">Also remove its anonymous volumes; null leaves the engine's default (no).</param>
    public static string ContainerRemove(string id, bool force, bool? volumes = null) =>
        new Query(EnginePath.Container(id)).Word("force", force).Add("v", volumes is { } v ? Word(v) : null);

    public static string ContainerRename(string id, string newName) =>
        new Query(Container(id, "rename")).Add("name", EnginePath.ValidContainer(newName));

    public static string ContainerUpdate(string id) => Container(id, "update");

    public static string ContainerWait(string id, string condition) => new Query(Container(id, "wait")).Add("condition", condition);

    public static string ContainerTop(string id) => Container(id, "top");

    public static string ContainerChanges(string id) => Container(id, "changes");

    public static string ContainerExport(string id) => Container(id, "export");

    public static string ContainerStats(string id, bool stream) => new Query(Container(id, "stats")).Bit("stream", stream);

    /// <param name="tail">The last N lines; null for all.</param>
    /// <param name="since">Already in the engine's form (unix seconds with nanoseconds).</param>
    public static string ContainerLogs(string id, bool follow, bool timestamps, int? tail, string? since, string? until) =>
        new Query(Container(id, "logs")).Bit("stdout", true).Bit("stderr", true).Bit("follow", follow).Bit("timestamps", timestamps)
            .Add("tail", tail is { } n ? n.ToString(CultureInfo.InvariantCulture) : "all").Add("since", since).Add("until", until);

    /// <summary>The archive API (HEAD stats, GET reads, PUT extracts a tar at <paramref name="path"/>).</summary>
    public static string ContainerArchive(string id, string path) => new Query(Container(id, "archive")).Add("path", path);

    public static string ContainerAttach(string id, string detachKeys) =>
        new Query(Container(id, "attach")).Bit("stream", true).Bit("stdin", true).Bit("stdout", true).Bit("stderr", true).Add("detachKeys", detachKeys);

    public static string ContainerResize(string id, int rows, int cols) => new Query(Container(id, "resize")).Add("h", rows).Add("w", cols);

    /// <summary>Creates an exec instance in the container.</summary>
    public static string ContainerExec(string id) => Container(id, "exec");

    public static string ExecStart(string execId) => EnginePath.Exec(execId) + "/start";

    public static string ExecInspect(string execId) => EnginePath.Exec(execId) + "/json";

    public static string ExecResize(string execId, int rows, int cols) =>
        new Query(EnginePath.Exec(execId) + "/resize").Add("h", rows).Add("w", cols);

    public static string Commit(CommitOptions o)
    {
        var query = new Query("/commit").Add("container", EnginePath.ValidContainer(o.Container)).Bit("pause", o.Pause);
        if (!string.IsNullOrWhiteSpace(o.Reference))
            query.Tagged(o.Reference);
        return query.Add("comment", Text(o.Message)).Add("author", Text(o.Author)).Each("changes", o.Changes);
    }

    // Images

    public static string ImagesList() => "/images/json";

    /// <summary>A pull: <paramref name="fromImage"/> is the name without tag; <paramref name="tag"/> a tag or a digest.</summary>
    public static string ImagesCreate(string fromImage, string tag, string? platform) =>
        new Query("/images/create").Add("fromImage", EnginePath.ValidImage(fromImage)).Add("tag", tag).Add("platform", platform);

    /// <summary>An import: the filesystem tar is the request body.</summary>
    public static string ImagesImport(ImportOptions o)
    {
        var query = new Query("/images/create").Add("fromSrc", "-");
        if (!string.IsNullOrWhiteSpace(o.Reference))
            query.Tagged(o.Reference);
        return query.Each("changes", o.Changes).Add("message", Text(o.Message));
    }

    public static string ImagesGet(IEnumerable<string> names) => new Query("/images/get").Each("names", names.Select(EnginePath.ValidImage));

    public static string ImagesLoad(bool quiet) => new Query("/images/load").Bit("quiet", quiet);

    public static string ImagesPrune(IReadOnlyDictionary<string, string[]> filters) => new Query("/images/prune").Filters(filters);

    public static string ImagesSearch(string term, int limit) => new Query("/images/search").Add("term", term).Add("limit", limit);

    public static string ImageInspect(string reference) => EnginePath.Image(reference) + "/json";

    public static string ImageHistory(string reference) => EnginePath.Image(reference) + "/history";

    public static string ImageRemove(string reference, bool force) => new Query(EnginePath.Image(reference)).Word("force", force);

    public static string ImageTag(string reference, string repo, string tag) =>
        new Query(EnginePath.Image(reference) + "/tag").Add("repo", EnginePath.ValidImage(repo)).Add("tag", tag);

    public static string ImagePush(string name, string tag) => new Query(EnginePath.Image(name) + "/push").Add("tag", tag);

    public static string Build(BuildOptions o)
    {
        var query = new Query("/build").Bit("rm", true).Bit("forcerm", true).Add("dockerfile", o.Dockerfile).Each("t", o.Tags.Select(EnginePath.ValidImage));
        if (o.BuildArgs.Count > 0)
            query.Json("buildargs", o.BuildArgs);
        if (o.Labels.Count > 0)
            query.Json("labels", o.Labels);
        return query.Add("target", Blank(o.Target)).Add("platform", Blank(o.Platform)).Set("nocache", o.NoCache).Set("pull", o.Pull);
    }

    public static string BuildPrune(bool all) => new Query("/build/prune").Word("all", all);

    // Volumes and networks

    public static string VolumesList() => "/volumes";

    public static string VolumeCreate() => "/volumes/create";

    public static string VolumesPrune(IReadOnlyDictionary<string, string[]> filters) => new Query("/volumes/prune").Filters(filters);

    public static string VolumeInspect(string name) => EnginePath.Volume(name);

    public static string VolumeRemove(string name, bool force) => new Query(EnginePath.Volume(name)).Word("force", force);

    public static string NetworksList() => "/networks";

    public static string NetworkCreate() => "/networks/create";

    public static string NetworksPrune(IReadOnlyDictionary<string, string[]> filters) => new Query("/networks/prune").Filters(filters);

    public static string NetworkInspect(string idOrName, bool verbose) => new Query(EnginePath.Network(idOrName)).Word("verbose", verbose);

    public static string NetworkRemove(string idOrName) => EnginePath.Network(idOrName);

    public static string NetworkConnect(string idOrName) => EnginePath.Network(idOrName) + "/connect";

    public static string NetworkDisconnect(string idOrName) => EnginePath.Network(idOrName) + "/disconnect";

    // The engine itself

    /// <summary>The event stream; with <paramref name="until"/> the engine ends it there (unix seconds both).</summary>
    public static string Events(long? since = null, long? until = null, IReadOnlyDictionary<string, string[]>? filters = null) =>
        new Query("/events").Add("since", since).Add("until", until).Filters(filters);

    public static string Info() => "/info";

    public static string Version() => "/version";

    public static string SystemDf() => "/system/df";

    /// <summary>Checks registry credentials (the body carries them).</summary>
    public static string Auth() => "/auth";

    private static string Container(string id, string action) => EnginePath.Container(id) + "/" + action;

    private static string Word(bool value) => value ? "true" : "false";

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A path and its query string; keys are the literals above, values are escaped once, null values left out.</summary>
    private sealed class Query(string path)
    {
        private readonly StringBuilder _text = new(path);
        private bool _any;

        public Query Add(string key, string? value)
        {
            if (value is null)
                return this;
            _text.Append(_any ? '&' : '?').Append(key).Append('=').Append(Uri.EscapeDataString(value));
            _any = true;
            return this;
        }

        public Query Add(string key, long? value) => Add(key, value?.ToString(CultureInfo.InvariantCulture));

        /// <summary><c>key=1</c> or <c>key=0</c>.</summary>
        public Query Bit(string key, bool value) => Add(key, value ? "1" : "0");

        /// <summary><c>key=true</c> or <c>key=false</c>.</summary>
        public Query Word(string key, bool value) => Add(key, EngineRoutes.Word(value));

        /// <summary><c>key=1</c> when set, nothing otherwise.</summary>
        public Query Set(string key, bool value) => value ? Add(key, "1") : this;

        public Query Each(string key, IEnumerable<string> values)
        {
            foreach (var value in values)
                Add(key, value);
            return this;
        }

        public Query Json<T>(string key, T value) => Add(key, JsonSerializer.Serialize(value));

        public Query Filters(IReadOnlyDictionary<string, string[]>? filters) => filters is null ? this : Json("filters", filters);

        /// <summary><c>repo=…&amp;tag=…</c> from "repo[:tag]" (the tag defaults to latest).</summary>
        public Query Tagged(string reference)
        {
            var (repo, tag) = ImageActions.SplitTag(reference.Trim());
            return Add("repo", EnginePath.ValidImage(repo)).Add("tag", tag);
        }

        public override string ToString() => _text.ToString();

        public static implicit operator string(Query query) => query.ToString();
    }
}
