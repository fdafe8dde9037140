namespace Quayside.Engine.Files;

/// <summary>Absolute paths inside a container, checked and tidied before they reach the archive API.</summary>
public static class ContainerPath
{
    public const int MaxLength = 4096;

    /// <summary>The path with doubled and trailing slashes and "." segments removed; or what is wrong with it.</summary>
    public static (string? Path, string? Problem) Normalize(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return (null, "A path is required, e.g. /etc or /app/config.json.");
        if (!path.StartsWith('/'))
            return (null, $"'{path}' is not an absolute path: start it with '/', e.g. /etc/hosts.");
        if (path.Length > MaxLength)
            return (null, $"The path is longer than {MaxLength} characters.");
        if (path.Contains('\0') || path.Any(char.IsControl))
            return (null, "The path contains control characters; use a plain path.");
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Contains(".."))
            return (null, $"'{path}' contains '..': write the folder's absolute path instead.");
        return ("/" + string.Join('/', parts), null);
    }

    /// <summary>A single file or folder name (for upload and new folder): no '/', not '.' or '..'.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "A name is required."
        : name is "." or ".." || name.Contains('/') || name.Contains('\0') || name.Any(char.IsControl)
            ? $"'{name}' is not a valid name: use a name without '/' (and not '.' or '..')."
        : name.Length > 255 ? "The name is longer than 255 characters."
        : null;

    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    public static string Name(string path) => path == "/" ? "/" : path[(path.LastIndexOf('/') + 1)..];

    public static string Combine(string folder, string name) => folder == "/" ? "/" + name : folder + "/" + name;
}
