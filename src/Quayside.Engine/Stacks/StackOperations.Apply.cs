namespace Quayside.Engine.Stacks;

public sealed partial class StackOperations
{
    public static readonly string[] UpCommand = ["up", "-d", "--remove-orphans"];

    /// <summary>Checks the files as edited, without writing them: Quayside's own rules, then the real <c>compose config</c>.</summary>
    public async Task<StackPlan> PlanAsync(string name, IReadOnlyDictionary<string, string> edited, CancellationToken ct = default)
    {
        var location = Editable(name);
        var current = await StackFileSet.ReadAsync(location, ct);
        return await PlanAsync(location, Merged(location, current, edited), current, await StackFileSet.ComposeFilesExistAsync(location, ct), ct);
    }

    /// <param name="files">The files as they will be.</param>
    /// <param name="current">The files as they are.</param>
    /// <param name="ranBefore">Whether the compose files exist (their effective configuration is the "before" of the diff).</param>
    private async Task<StackPlan> PlanAsync(StackLocation location, Dictionary<string, string> files, Dictionary<string, string> current, bool ranBefore,
        CancellationToken ct)
    {
        var line = Runner.Line(location.Project, UpCommand);
        var problems = new List<ComposeProblem>();
        foreach (var f in location.ComposeFiles)
            problems.AddRange(await ComposeGuard.CheckAsync(location.Directory, f, files[f], location.Disk, ct));
        if (problems.Count > 0)
            return new StackPlan(line, problems, [], null, "", []);
        var (newConfig, configProblems) = await ConfigAsync(location, files, ct);
        if (configProblems.Count > 0)
            return new StackPlan(line, configProblems, [], null, "", []);
        var oldConfig = ranBefore ? (await ConfigAsync(location, current, ct)).Config : null;
        var mask = await MaskAsync(location, files.Concat(current.Where(c => !files.ContainsKey(c.Key))).ToDictionary(), ct);
        var oldMask = await MaskAsync(location, current, ct);
        var fileChanges = location.EditableFiles.Select(path => new FileChange(path, path == location.EnvFile
                ? TextDiff.Compare(current.GetValueOrDefault(path) ?? "", files[path]).MapText(SecretMask.EnvLine)
                : TextDiff.Compare(current.GetValueOrDefault(path) ?? "", files[path])))
            .ToList();
        var shownNew = oldMask.Apply(mask.Apply(newConfig));
        var shownOld = oldConfig is null ? "" : oldMask.Apply(mask.Apply(oldConfig));
        return new StackPlan(line, [], fileChanges, TextDiff.Compare(shownOld, shownNew), shownNew, ComposeConfig.ChangedServices(oldConfig, newConfig));
    }

    /// <summary>
    /// Applies edited files: checks and diffs them, writes them in place, runs <c>up -d --remove-orphans</c> (each line
    /// of output to <paramref name="onLine"/>, secrets hidden), keeps the version, and with the health gate on puts back
    /// what ran before when a changed service fails.
    /// </summary>
    public async Task<ApplyOutcome> ApplyAsync(string name, IReadOnlyDictionary<string, string> edited, ApplyOptions options,
        Action<string>? onLine = null, CancellationToken ct = default) =>
        await ApplyAsync(name, edited, options, StackChangeKind.Apply, null, onLine, ct);

    /// <summary>Applies an earlier version's files again, as a new version (with the same diff, gate and rollback).</summary>
    public async Task<ApplyOutcome> RollbackAsync(string name, int version, ApplyOptions options, Action<string>? onLine = null, CancellationToken ct = default)
    {
        var kept = History.Find(name, version) ?? throw new StackRefusedException($"Stack {name} has no version {version}: the history lists the versions kept.");
        return await ApplyAsync(name, History.Files(kept), options, StackChangeKind.Rollback, version, onLine, ct);
    }

    private async Task<ApplyOutcome> ApplyAsync(string name, IReadOnlyDictionary<string, string> edited, ApplyOptions options,
        StackChangeKind kind, int? from, Action<string>? onLine, CancellationToken ct)
    {
        using var _ = await LockAsync(name, ct);
        var location = Editable(name);
        var current = await StackFileSet.ReadAsync(location, ct);
        var files = Merged(location, current, edited);
        var ranBefore = await StackFileSet.ComposeFilesExistAsync(location, ct);
        var plan = await PlanAsync(location, files, current, ranBefore, ct);
        if (!plan.Valid)
            return ApplyOutcome.Refused(plan.Cli, plan.Problems, plan);
        if (ranBefore && History.Latest(name) is null)
            History.Add(name, new StackVersion(0, DateTimeOffset.UtcNow, options.By, StackChangeKind.Found, History.Protect(current), "", "", true, "The files as Quayside found them.", []));
        var mask = await MaskAsync(location, files, ct);
        var oldMask = await MaskAsync(location, current, ct);
        string Hide(string text) => oldMask.Apply(mask.Apply(text));
        void Say(string line) => onLine?.Invoke(Hide(line));

        await StackFileSet.WriteAsync(location, files, ct);
        var up = await RunComposeAsync(location, files, UpCommand, Say, ct);
        var output = up.Output.Select(Hide).ToList();
        HealthFailure? failure = null;
        var message = up.Ok ? "Applied." : $"{plan.Cli} failed (exit code {up.ExitCode}): {LastLines(output)}";
        if (up.Ok && options.HealthGate && plan.ChangedServices.Count > 0)
        {
            Say($"Waiting for {string.Join(", ", plan.ChangedServices)}: healthy where there is a health check, else running after {options.GateOrDefault.Settle.TotalSeconds:0} s.");
            failure = await Gate.WaitAsync(name, plan.ChangedServices, options.GateOrDefault, ct);
            // The failed container's last lines go back to the user: a service that prints its secrets must not show them there.
            failure = failure is null ? null : failure with { LastLogLines = [.. failure.LastLogLines.Select(Hide)] };
            message = failure is null ? $"Applied; {string.Join(", ", plan.ChangedServices)} healthy." : failure.ToString();
        }
        var ok = up.Ok && failure is null;
        var version = History.Add(name, new StackVersion(0, DateTimeOffset.UtcNow, options.By, kind, History.Protect(files), plan.Unified,
            plan.NewConfig, ok, message, output, from));
        var outcome = new ApplyOutcome(ok, plan.Cli, message, output, version, Failure: failure, Plan: plan);
        if (!ok && options.HealthGate && ranBefore)
            outcome = await PutBackAsync(name, location, current, version, outcome, options, Say, ct);
        else if (!ok && options.HealthGate)
            outcome = outcome with { Message = outcome.Message + " There was no earlier version to put back." };
        Log(plan.Cli, outcome, mask);
        return outcome;
    }

    /// <summary>After a failed apply: writes back the files that ran before, runs them again and waits for them.</summary>
    private async Task<ApplyOutcome> PutBackAsync(string name, StackLocation location, Dictionary<string, string> previous, StackVersion failed,
        ApplyOutcome outcome, ApplyOptions options, Action<string> say, CancellationToken ct)
    {
        var restored = History.List(name).Skip(1).FirstOrDefault(v => v.Ok)?.Number;
        say($"Putting back the previous version{(restored is { } n ? $" (version {n})" : "")}.");
        await StackFileSet.WriteAsync(location, previous, ct);
        var up = await RunComposeAsync(location, previous, UpCommand, say, ct);
        HealthFailure? still = null;
        var services = ComposeConfig.Services((await ConfigAsync(location, previous, ct)).Config).Keys.ToList();
        if (up.Ok)
            still = await Gate.WaitAsync(name, services, options.GateOrDefault, ct);
        var back = up.Ok && still is null;
        var words = back
            ? $"The previous version was put back and is {(services.Count > 0 ? "healthy" : "running")}."
            : $"Putting the previous version back failed too: {(still?.ToString() ?? LastLines(up.Output))}";
        History.Add(name, new StackVersion(0, DateTimeOffset.UtcNow, options.By, StackChangeKind.AutoRollback, History.Protect(previous),
            "", "", back, words, up.Output, restored));
        return outcome with { Message = $"{outcome.Message} {words}", RolledBack = back };
    }

    /// <summary>Runs <c>compose config</c> on copies of the files beside the real ones; the effective configuration, or the problems with their lines.</summary>
    private async Task<(string Config, IReadOnlyList<ComposeProblem> Problems)> ConfigAsync(StackLocation location, IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        using var stage = await StackFileSet.StageAsync(location, files, ct);
        var result = await Runner.RunAsync(stage.Project, ["config"], null, ct);
        if (result.Ok)
            return (stage.Real(result.Text), []);
        // Compose names the copy; the user knows the file they edited.
        var output = result.Output.Select(stage.Real).ToList();
        var named = location.ComposeFiles.FirstOrDefault(f => output.Any(o => o.Contains(f, StringComparison.Ordinal))) ?? location.ComposeFiles[0];
        return ("", ComposeProblems.From(output, named, files.GetValueOrDefault(named) ?? ""));
    }

    private StackLocation Editable(string name)
    {
        var location = Locate(name);
        return location.Editable ? location
            : throw new StackRefusedException($"Quayside cannot reach the files of stack {name}: {location.Reason} Take it over to manage it from Quayside's data folder.");
    }

    /// <summary>The files as they will be: what was edited (each a file of the stack's own), and the rest as they are.</summary>
    private static Dictionary<string, string> Merged(StackLocation location, Dictionary<string, string> current, IReadOnlyDictionary<string, string> edited)
    {
        StackFileSet.Confine(location, edited);
        var files = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (path, text) in edited)
            files[path] = text.Replace("\r\n", "\n");
        return files;
    }

    private static string LastLines(IEnumerable<string> output) => string.Join(" ", output.TakeLast(5).Select(l => l.Trim()));
}
