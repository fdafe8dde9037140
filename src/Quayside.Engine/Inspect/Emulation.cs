namespace Quayside.Engine.Inspect;

/// <summary>Whether an image of another architecture than the engine's runs under emulation, and whether this host can emulate it.</summary>
public static class Emulation
{
    public const string BinfmtDirectory = "/proc/sys/fs/binfmt_misc";

    /// <summary>Docker architecture names against the names qemu registers under binfmt_misc.</summary>
    private static readonly Dictionary<string, string> QemuNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["amd64"] = "x86_64", ["386"] = "i386", ["arm64"] = "aarch64", ["arm"] = "arm", ["ppc64le"] = "ppc64le",
        ["s390x"] = "s390x", ["riscv64"] = "riscv64", ["mips64le"] = "mips64el", ["mips64"] = "mips64", ["loong64"] = "loongarch64",
    };

    public static bool NeedsEmulation(string imageArchitecture, string engineArchitecture) =>
        !string.IsNullOrEmpty(imageArchitecture) && !string.IsNullOrEmpty(engineArchitecture)
        && !string.Equals(imageArchitecture, engineArchitecture, StringComparison.OrdinalIgnoreCase);

    public static string QemuName(string architecture) => QemuNames.GetValueOrDefault(architecture, architecture);

    /// <summary>
    /// The binfmt_misc entry that emulates <paramref name="architecture"/> on this host when one is registered and enabled
    /// (e.g. "qemu-aarch64"); null when there is none. Reads the local /proc, so it only means something when the engine runs here.
    /// </summary>
    public static string? RegisteredEmulator(string architecture, string directory = BinfmtDirectory)
    {
        var entry = "qemu-" + QemuName(architecture);
        var path = Path.Combine(directory, entry);
        try
        {
            if (!File.Exists(path))
                return null;
            var first = File.ReadLines(path).FirstOrDefault();
            return first?.Trim() == "enabled" ? entry : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
