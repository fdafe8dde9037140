using Quayside.TestSupport;

namespace Quayside.Engine.Tests;

public static class PruneOutput
{
    /// <summary>Runs a prune line with the real docker CLI and returns the names it printed under "Deleted ...:".</summary>
    public static async Task<List<string>> DeletedAsync(string line)
    {
        var output = (await DockerCommand.RunLineAsync(line)).EnsureSuccess(line).Stdout.Split('\n', StringSplitOptions.TrimEntries);
        return [.. output.SkipWhile(l => !l.StartsWith("Deleted", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Length > 0).Order()];
    }
}
