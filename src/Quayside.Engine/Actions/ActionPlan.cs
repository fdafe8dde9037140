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
    {
        Cli = cli;
        Target = target;
        Problem = problem;
        _run = run;
    }

    public string Cli { get; }

    public string Target { get; }

    public string? Problem { get; }

    public ActionOutcome Refusal => ActionOutcome.Refused(Cli, Target, Problem ?? "");

    /// <summary>This plan, refused for a reason its caller checks on top of the action's own.</summary>
    public ActionPlan RefusedIf(string? problem) => problem is null || Problem is not null ? this : new(Cli, Target, problem, _run);

    public async Task<ActionOutcome> RunAsync(CancellationToken ct = default) =>
        Problem is not null ? Refusal : new ActionOutcome(Cli, await _run(ct));
}
