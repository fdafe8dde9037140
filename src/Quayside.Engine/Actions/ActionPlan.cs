namespace Quayside.Engine.Actions;

/// <summary>
/// An action with its input checked and its CLI line built, once. A page shows <see cref="Cli"/> in its confirmation (or
/// <see cref="Refusal"/> when <see cref="Problem"/> is set) and then runs this same plan, so what it showed before asking is
/// the line the outcome reports after.
/// </summary>
public sealed class ActionPlan
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<ActionResult>>> _run;

    /// <param name="target">What the action is on, for a refusal's result.</param>
    /// <param name="problem">Why the input is refused; the action then never reaches the engine.</param>
    /// <param name="run">The engine calls, one result per target.</param>
    public ActionPlan(string cli, string target, string? problem, Func<CancellationToken, Task<IReadOnlyList<ActionResult>>> run)
        : this(cli, target, problem is null ? [] : [problem], run)
    {
    }

    private ActionPlan(string cli, string target, IReadOnlyList<string> problems, Func<CancellationToken, Task<IReadOnlyList<ActionResult>>> run)
    {
        Cli = cli;
        Target = target;
        Problems = problems;
        Problem = problems.Count == 0 ? null : string.Join(" ", problems);
        _run = run;
    }

    /// <summary>A plan refused for every problem given, each its own sentence (a form shows one per field).</summary>
    public static ActionPlan Checked(string cli, string target, IReadOnlyList<string> problems, Func<CancellationToken, Task<IReadOnlyList<ActionResult>>> run) =>
        new(cli, target, problems, run);

    public string Cli { get; }

    public string Target { get; }

    public string? Problem { get; }

    public IReadOnlyList<string> Problems { get; }

    public ActionOutcome Refusal => ActionOutcome.Refused(Cli, Target, Problem ?? "");

    /// <summary>This plan, refused for a reason its caller checks on top of the action's own.</summary>
    public ActionPlan RefusedIf(string? problem) => problem is null || Problem is not null ? this : new(Cli, Target, problem, _run);

    /// <summary>This plan, also refused for the problems its caller finds in the text it read the input from.</summary>
    public ActionPlan AlsoRefusedFor(params IEnumerable<string?> problems) =>
        problems.OfType<string>().ToList() is { Count: > 0 } more ? new(Cli, Target, [.. Problems, .. more], _run) : this;

    public async Task<ActionOutcome> RunAsync(CancellationToken ct = default) =>
        Problem is not null ? Refusal : new ActionOutcome(Cli, await _run(ct));
}
