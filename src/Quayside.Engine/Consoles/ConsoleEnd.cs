using Quayside.Engine.Errors;

namespace Quayside.Engine.Consoles;

/// <summary>How a console session ended.</summary>
public sealed record ConsoleEnd(int? ExitCode, bool CommandNotFound = false, bool Detached = false)
{
    public string Describe(string command) =>
        CommandNotFound ? EngineErrorTranslator.CommandNotFound(command)
        : Detached ? "Detached from the container; its main process keeps running."
        : ExitCode is { } code ? $"{command} exited with code {code}."
        : $"{command} ended.";
}
