namespace Quayside.Web.Containers.Wait;

/// <summary>What an exit code above 128 says: the process ended by a signal (128 + its number), as shells report it.</summary>
public static class ExitCodes
{
    private static readonly Dictionary<long, string> Signals = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [6] = "SIGABRT", [9] = "SIGKILL", [11] = "SIGSEGV", [13] = "SIGPIPE", [15] = "SIGTERM",
    };

    public static string? Meaning(long code) =>
        code > 128 && Signals.TryGetValue(code - 128, out var signal) ? $"killed by {signal}" : null;
}
