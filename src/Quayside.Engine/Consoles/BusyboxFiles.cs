namespace Quayside.Engine.Consoles;

/// <summary>
/// Where the static busybox binaries for the no-shell fallback are: &lt;dir&gt;/&lt;arch&gt;/busybox, as scripts/fetch-busybox.sh
/// leaves them. The folder comes from QUAYSIDE_BUSYBOX_DIR, else the repository's artifacts/busybox above the app.
/// </summary>
public sealed class BusyboxFiles(string directory)
{
    public const string Setting = "QUAYSIDE_BUSYBOX_DIR";
    public static readonly IReadOnlyList<string> Architectures = ["amd64", "arm64"];

    public string Directory { get; } = directory;

    public string PathFor(string architecture) => Path.Combine(Directory, architecture, "busybox");

    public static BusyboxFiles Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return new BusyboxFiles(Path.GetFullPath(configured));
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "artifacts", "busybox");
                if (System.IO.Directory.Exists(candidate))
                    return new BusyboxFiles(candidate);
            }
        }
        return new BusyboxFiles(Path.Combine(System.IO.Directory.GetCurrentDirectory(), "artifacts", "busybox"));
    }

    /// <summary>The engine's architecture names as Debian names them (x86_64 and aarch64 are the same machines).</summary>
    public static string Normalize(string architecture) => architecture.ToLowerInvariant() switch
    {
        "x86_64" or "x86-64" => "amd64",
        "aarch64" or "arm64/v8" => "arm64",
        var other => other,
    };
}
