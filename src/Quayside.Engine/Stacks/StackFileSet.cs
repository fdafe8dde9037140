namespace Quayside.Engine.Stacks;

/// <summary>Reads and writes a stack's editable files where they are, and stages them for compose to check or run.</summary>
public static class StackFileSet
{
    public static async Task<Dictionary<string, string>> ReadAsync(StackLocation location, CancellationToken ct)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in location.EditableFiles)
            files[path] = await location.Disk.ReadAsync(path, ct) ?? "";
        return files;
    }

    /// <summary>Whether the compose files exist where they are (a project that ran from them).</summary>
    public static async Task<bool> ComposeFilesExistAsync(StackLocation location, CancellationToken ct)
    {
        foreach (var path in location.ComposeFiles)
        {
            if (await location.Disk.ReadAsync(path, ct) is null)
                return false;
        }
        return location.ComposeFiles.Count > 0;
    }

    /// <summary>Refuses a file that is not one of the stack's own (a path that would escape its folder, say).</summary>
    public static void Confine(StackLocation location, IReadOnlyDictionary<string, string> files)
    {
        foreach (var path in files.Keys)
        {
            if (!location.EditableFiles.Contains(path, StringComparer.Ordinal))
                throw new StackRefusedException($"'{path}' is not a file of this stack: only {string.Join(", ", location.EditableFiles)} can be written.");
        }
        if (location.Kind == StackFilesKind.Managed)
        {
            foreach (var path in files.Keys.Where(p => !ComposeGuard.IsInside(location.Directory, p)))
                throw new StackRefusedException($"'{path}' is outside the stack's folder {location.Directory}.");
        }
    }

    /// <summary>Writes each file in place; an empty .env that does not exist stays absent.</summary>
    public static async Task WriteAsync(StackLocation location, IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        Confine(location, files);
        if (location.Disk.IsLocal)
            Directory.CreateDirectory(location.Directory);
        foreach (var (path, text) in files)
        {
            if (text.Length == 0 && path == location.EnvFile && await location.Disk.ReadAsync(path, ct) is null)
                continue;
            await location.Disk.WriteAsync(path, text, location.Kind == StackFilesKind.Managed, ct);
        }
    }

    /// <summary>
    /// The files as compose should read them for a check or a run: on this machine, copies beside the real ones (so
    /// relative paths mean the same); for an engine's machine, a private folder here holding them and the env_file
    /// files they name, whose paths are said as the real ones again. Disposing deletes the copies.
    /// </summary>
    public static async Task<ComposeStage> StageAsync(StackLocation location, IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        if (location.Disk.IsLocal)
        {
            Directory.CreateDirectory(location.Directory);
            var stage = new ComposeStage(location, null);
            foreach (var compose in location.ComposeFiles)
                stage.Add(compose, Path.Combine(Path.GetDirectoryName(compose)!, $".quayside-check-{tag}-{Path.GetFileName(compose)}"), files.GetValueOrDefault(compose) ?? "");
            stage.Env = stage.Add(location.EnvFile, Path.Combine(location.Directory, $".quayside-check-{tag}.env"), files.GetValueOrDefault(location.EnvFile) ?? "");
            return stage;
        }
        var mirror = Directory.CreateTempSubdirectory("quayside-stage-").FullName;
        PrivateFiles.CloseFolder(mirror);
        var remote = new ComposeStage(location, mirror);
        foreach (var compose in location.ComposeFiles)
            remote.Add(compose, remote.Mirrored(compose), files.GetValueOrDefault(compose) ?? "");
        remote.Env = remote.Add(location.EnvFile, Path.Combine(mirror, $".quayside-stage-{tag}.env"), files.GetValueOrDefault(location.EnvFile) ?? "");
        foreach (var text in location.ComposeFiles.Select(f => files.GetValueOrDefault(f) ?? ""))
        {
            foreach (var envFile in ComposeGuard.EnvFilePaths(text).Where(p => !p.Contains('$')))
            {
                var real = Path.GetFullPath(envFile, location.Directory.TrimEnd('/') + "/");
                if (await location.Disk.IsInsideAsync(location.Directory, real, ct) && await location.Disk.ReadAsync(real, ct) is { } content)
                    remote.Add(real, remote.Mirrored(real), content);
            }
        }
        return remote;
    }
}

/// <summary>Staged copies of a stack's files for compose, and how to say compose's paths as the real ones.</summary>
public sealed class ComposeStage(StackLocation location, string? mirror) : IDisposable
{
    private readonly List<(string Real, string Copy)> _copies = [];

    public string Env { get; set; } = "";

    public IReadOnlyList<string> Compose => [.. _copies.Where(c => location.ComposeFiles.Contains(c.Real)).Select(c => c.Copy)];

    /// <summary>The project as compose is told it for a check: the staged files, the staged env file.</summary>
    public ComposeProject Project => location.Project with { Directory = mirror ?? location.Directory, Files = Compose, EnvFile = Env };

    public bool IsMirror => mirror is not null;

    public string Add(string real, string copy, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.WriteAllText(copy, text);
        PrivateFiles.CloseFile(copy);
        _copies.Add((real, copy));
        return copy;
    }

    /// <summary>Where a file of the engine's machine is staged: at its place relative to the project's folder, or by name when outside it.</summary>
    public string Mirrored(string real)
    {
        var dir = location.Directory.TrimEnd('/') + "/";
        return Path.Combine(mirror!, real.StartsWith(dir, StringComparison.Ordinal) ? real[dir.Length..] : Path.GetFileName(real));
    }

    /// <summary>Compose's text with the staged paths said as the real ones.</summary>
    public string Real(string text)
    {
        foreach (var (real, copy) in _copies)
            text = text.Replace(copy, real, StringComparison.Ordinal);
        return mirror is null ? text : text.Replace(mirror, location.Directory.TrimEnd('/'), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (mirror is not null)
            Directory.Delete(mirror, recursive: true);
        else
            foreach (var (_, copy) in _copies)
                File.Delete(copy);
    }
}
