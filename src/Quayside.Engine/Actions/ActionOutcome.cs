namespace Quayside.Engine.Actions;

/// <summary>What one action did to one target, in words.</summary>
public sealed record ActionResult(string Target, bool Ok, string Message);

/// <summary>An action on one or more targets: the exact CLI line it equals and each target's result.</summary>
public sealed record ActionOutcome(string Cli, IReadOnlyList<ActionResult> Results)
{
    public bool Ok => Results.All(r => r.Ok);

    public string Summary => Results.Count == 1
        ? Results[0].Message
        : Ok ? $"Done for all {Results.Count}." : $"{Results.Count(r => !r.Ok)} of {Results.Count} failed.";

    public static ActionOutcome Refused(string cli, string target, string message) => new(cli, [new ActionResult(target, false, message)]);
}
