using System.Text.RegularExpressions;

namespace Quayside.Engine.Errors;

/// <summary>How a console's command failed to start.</summary>
public static partial class EngineErrorTranslator
{
    /// <summary>Whether an exec ended because its command does not exist: the runtime says so in the output, with code 126 or 127.</summary>
    public static bool IsCommandNotFound(int? exitCode, string firstOutput) =>
        exitCode is 126 or 127 && CommandNotFoundText().IsMatch(firstOutput);

    public static string CommandNotFound(string command) => $"{command} cannot start in this container: there is no such executable (no shell?).";

    [GeneratedRegex(@"exec: ""[^""]*"": (stat [^\n]*: no such file or directory|executable file not found)", RegexOptions.IgnoreCase)]
    private static partial Regex CommandNotFoundText();
}
