namespace Quayside.Engine.Consoles;

/// <summary>How a console session ended.</summary>
public sealed record ConsoleEnd(int? ExitCode, bool CommandNotFound = false, bool Detached = false)
{
    public string Describe(string command) =>
        CommandNotFound ? $"{command} cannot start in this container: there is no such executable (no shell?)."
        : Detached ? "Detached from the container; its main process keeps running."
        : ExitCode is { } code ? $"{command} exited with code {code}."
        : $"{command} ended.";
}
