namespace Quayside.Engine.Stacks;

/// <summary>Reads and writes a stack's editable files, and makes the sibling copies compose checks before anything is replaced.</summary>
public static class StackFileSet
{
    public static async Task<Dictionary<string, string>> ReadAsync(StackLocation location, CancellationToken ct)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in location.EditableFiles)
            files[path] = File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : "";
        return files;
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

    /// <summary>Writes each file in place (through a temporary sibling, so a reader never sees half a file); an empty .env that does not exist stays absent.</summary>
    public static async Task WriteAsync(StackLocation location, IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        Confine(location, files);
        Directory.CreateDirectory(location.Directory);
        foreach (var (path, text) in files)
        {
            if (text.Length == 0 && path == location.EnvFile && !File.Exists(path))
                continue;
            var temp = Path.Combine(Path.GetDirectoryName(path)!, $".quayside-{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(temp, text, ct);
            if (File.Exists(path))
                PrivateFiles.SameMode(temp, path);
            else if (location.Kind == StackFilesKind.Managed)
                PrivateFiles.CloseFile(temp);
            File.Move(temp, path, overwrite: true);
        }
    }

    /// <summary>
    /// Copies of the edited files beside the real ones (so relative paths mean the same), for <c>compose config</c> to
    /// check; disposing deletes them.
    /// </summary>
    public static async Task<CheckCopies> CopiesAsync(StackLocation location, IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        Directory.CreateDirectory(location.Directory);
        var copies = new CheckCopies();
        var tag = Guid.NewGuid().ToString("N")[..12];
        foreach (var compose in location.ComposeFiles)
        {
            var copy = Path.Combine(Path.GetDirectoryName(compose)!, $".quayside-check-{tag}-{Path.GetFileName(compose)}");
            await File.WriteAllTextAsync(copy, files.GetValueOrDefault(compose) ?? "", ct);
            copies.Paths.Add(copy);
            copies.Compose.Add(copy);
        }
        var env = Path.Combine(location.Directory, $".quayside-check-{tag}.env");
        await File.WriteAllTextAsync(env, files.GetValueOrDefault(location.EnvFile) ?? "", ct);
        PrivateFiles.CloseFile(env);
        copies.Paths.Add(env);
        copies.Env = env;
        return copies;
    }

    public sealed class CheckCopies : IDisposable
    {
        public List<string> Paths { get; } = [];
        public List<string> Compose { get; } = [];
        public string Env { get; set; } = "";

        public void Dispose()
        {
            foreach (var p in Paths)
                File.Delete(p);
        }
    }
}
