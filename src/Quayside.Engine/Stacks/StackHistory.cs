using System.Text.Json;

namespace Quayside.Engine.Stacks;

/// <summary>Encrypts the file contents a history keeps (they hold the project's secrets); the web app's is Data Protection.</summary>
public interface ISecretProtector
{
    string Protect(string plain);

    string Unprotect(string protectedText);
}

public enum StackChangeKind
{
    /// <summary>The files as Quayside first found them, kept before its first change.</summary>
    Found,
    Apply,
    Rollback,

    /// <summary>The previous version put back because the change failed its health gate.</summary>
    AutoRollback,
}

/// <summary>One file of a kept version: its path, its contents encrypted.</summary>
public sealed record StackFileVersion(string Path, string Protected);

/// <summary>
/// One applied version of a stack: who, when, what changed (the diff, with secrets masked), and how it went. The files
/// themselves are kept encrypted, so that any version can be applied again.
/// </summary>
public sealed record StackVersion(int Number, DateTimeOffset At, string By, StackChangeKind Kind, IReadOnlyList<StackFileVersion> Files,
    string Diff, string Config, bool Ok, string Message, IReadOnlyList<string> Output, int? From = null);

/// <summary>A host's stack histories, one JSON file per version under <c>DATA/stacks/HOST/.history/NAME/</c>, private to Quayside's user.</summary>
public sealed class StackHistory(string hostFolder, ISecretProtector protector)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _gate = new();
    // The lists show each stack's last change on every render: read a stack's newest version from disk once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StackVersion?> _latest = new(StringComparer.Ordinal);

    private string Folder(string name) =>
        name.Length > 0 && !name.StartsWith('.') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? Path.Combine(hostFolder, ".history", name)
            : throw new StackRefusedException($"'{name}' cannot name a history folder.");

    public IReadOnlyList<StackVersion> List(string name)
    {
        var folder = Folder(name);
        if (!Directory.Exists(folder))
            return [];
        return Directory.EnumerateFiles(folder, "*.json")
            .Select(f => JsonSerializer.Deserialize<StackVersion>(File.ReadAllText(f), Json)!)
            .OrderByDescending(v => v.Number).ToList();
    }

    public StackVersion? Find(string name, int number) => List(name).FirstOrDefault(v => v.Number == number);

    public StackVersion? Latest(string name) => _latest.GetOrAdd(name, n => List(n).FirstOrDefault());

    public StackVersion Add(string name, StackVersion version)
    {
        lock (_gate)
        {
            var folder = Folder(name);
            Directory.CreateDirectory(folder);
            Private(Path.Combine(hostFolder, ".history"));
            Private(folder);
            var numbered = version with { Number = (Latest(name)?.Number ?? 0) + 1 };
            var path = Path.Combine(folder, $"{numbered.Number:D5}.json");
            File.WriteAllText(path, JsonSerializer.Serialize(numbered, Json));
            PrivateFiles.CloseFile(path);
            _latest[name] = numbered;
            return numbered;
        }
    }

    public void Delete(string name)
    {
        lock (_gate)
        {
            if (Directory.Exists(Folder(name)))
                Directory.Delete(Folder(name), recursive: true);
            _latest.TryRemove(name, out _);
        }
    }

    public static IReadOnlyList<StackFileVersion> Protect(ISecretProtector protector, IReadOnlyDictionary<string, string> files) =>
        [.. files.Select(f => new StackFileVersion(f.Key, protector.Protect(f.Value)))];

    public IReadOnlyList<StackFileVersion> Protect(IReadOnlyDictionary<string, string> files) => Protect(protector, files);

    public Dictionary<string, string> Files(StackVersion version) =>
        version.Files.ToDictionary(f => f.Path, f => protector.Unprotect(f.Protected));

    private static void Private(string folder) => PrivateFiles.CloseFolder(folder);
}
