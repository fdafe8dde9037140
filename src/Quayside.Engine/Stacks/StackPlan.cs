namespace Quayside.Engine.Stacks;

/// <summary>One file's change, with the values of an env file hidden.</summary>
public sealed record FileChange(string Path, TextDiffResult Diff);

/// <summary>What an apply would do: the problems that stop it, else the diff of files and of the effective configuration.</summary>
public sealed record StackPlan(string Cli, IReadOnlyList<ComposeProblem> Problems, IReadOnlyList<FileChange> Files, TextDiffResult? Config,
    string NewConfig, IReadOnlyList<string> ChangedServices)
{
    public bool Valid => Problems.Count == 0;

    public bool HasChanges => Files.Any(f => f.Diff.HasChanges) || Config?.HasChanges == true;

    /// <summary>The whole diff as unified text, as the history keeps it.</summary>
    public string Unified => string.Join("\n", Files.Where(f => f.Diff.HasChanges).Select(f => f.Diff.Unified(f.Path, f.Path))
        .Append(Config is { HasChanges: true } c ? c.Unified("effective configuration (before)", "effective configuration (after)") : ""))
        .Trim();
}

/// <summary>How an apply, a rollback or a new stack went, in words.</summary>
public sealed record ApplyOutcome(bool Ok, string Cli, string Message, IReadOnlyList<string> Output, StackVersion? Version = null,
    IReadOnlyList<ComposeProblem>? Problems = null, HealthFailure? Failure = null, bool RolledBack = false, StackPlan? Plan = null)
{
    public static ApplyOutcome Refused(string cli, IReadOnlyList<ComposeProblem> problems, StackPlan? plan = null) =>
        new(false, cli, "Nothing was applied: " + string.Join(" ", problems.Select(p => p.ToString())), [], Problems: problems, Plan: plan);
}

/// <summary>Who applies, and whether the health gate (with automatic rollback) runs.</summary>
public sealed record ApplyOptions(string By, bool HealthGate = true, HealthGateOptions? Gate = null)
{
    public HealthGateOptions GateOrDefault => Gate ?? HealthGateOptions.Default;
}
