using Quayside.Engine.Connection;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Actions;

/// <summary>Runs one engine call for one target and turns its outcome, success or engine error, into an <see cref="ActionResult"/>.</summary>
public static class ActionAttempt
{
    /// <param name="call">The engine call; returns the success message.</param>
    /// <param name="nameFailures">Prefix a failure with the target, so it reads on its own among several results.</param>
    public static async Task<ActionResult> RunAsync(
        string target, EngineEndpoint endpoint, Func<Task<string>> call, bool nameFailures, CancellationToken ct)
    {
        try
        {
            return new ActionResult(target, true, await call());
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var problem = EngineErrorTranslator.Translate(e, endpoint).ToString();
            return new ActionResult(target, false, nameFailures ? $"{target}: {problem}" : problem);
        }
    }
}
