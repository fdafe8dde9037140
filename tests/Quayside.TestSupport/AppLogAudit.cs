using System.Text;

namespace Quayside.TestSupport;

/// <summary>
/// Everything the app under test writes to its log during a test run, and every secret the tests handed it, kept as files
/// in one folder so that a check run after all tests can look for the secrets in the logs (Komodo #1636: secrets in the
/// app's own logs). The folder is QUAYSIDE_APP_LOG_DIR (set by scripts/run-tests.sh), else artifacts/app-logs.
/// </summary>
public static class AppLogAudit
{
    public const string Setting = "QUAYSIDE_APP_LOG_DIR";
    private static readonly Lock Gate = new();

    public static string Folder
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable(Setting) is { Length: > 0 } d ? d : Path.Combine(RepoRoot(), "artifacts", "app-logs");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>Notes a secret the tests gave the app (a password, a token), for the check after the run.</summary>
    public static void RecordSecret(string kind, string value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        lock (Gate)
            File.AppendAllText(Path.Combine(Folder, $"secrets-{Environment.ProcessId}.tsv"), $"{kind}\t{value}\n", Encoding.UTF8);
    }

    /// <summary>A new log file; <paramref name="source"/> says which app wrote it (web, e2e).</summary>
    public static StreamWriter OpenLog(string source) =>
        new(Path.Combine(Folder, $"log-{source}-{Environment.ProcessId}-{Guid.NewGuid():N}.txt"), append: false, Encoding.UTF8) { AutoFlush = true };

    public static IReadOnlyList<(string Kind, string Value)> Secrets() =>
        Directory.GetFiles(Folder, "secrets-*.tsv")
            .SelectMany(File.ReadAllLines)
            .Select(l => l.Split('\t', 2))
            .Where(p => p.Length == 2 && p[1].Length > 0)
            .Select(p => (p[0], p[1]))
            .Distinct()
            .ToList();

    public static IReadOnlyList<string> Logs(string source) => Directory.GetFiles(Folder, $"log-{source}-*.txt");

    private static string RepoRoot() => RepoPaths.TryRoot() ?? Path.GetTempPath();
}
