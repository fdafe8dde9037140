using Quayside.Engine.Actions;

namespace Quayside.Web.Components.Shared;

/// <summary>What the live list pages share: a selection, one action at a time with its outcome, and confirmations.</summary>
public abstract class ListPageBase : LiveComponentBase
{
    protected readonly HashSet<string> Selected = [];
    protected ActionOutcome? Outcome;
    protected ConfirmRequest? Confirm;
    protected bool Busy;

    /// <summary>Rows whose other facts show below their name (the row expander of the phone layout).</summary>
    protected readonly HashSet<string> Expanded = [];

    protected void ToggleExpanded(string id)
    {
        if (!Expanded.Remove(id))
            Expanded.Add(id);
    }

    protected void ToggleSelected(string id)
    {
        if (!Selected.Remove(id))
            Selected.Add(id);
    }

    protected async Task RunAsync(Func<Task<ActionOutcome>> action)
    {
        Busy = true;
        try
        {
            Outcome = await action();
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>
    /// Shows the plan's refusal, or asks first with the plan's own CLI line and then runs that same plan;
    /// <paramref name="after"/> runs once it has (e.g. to read sizes again).
    /// </summary>
    protected void AskToRun(ActionPlan plan, string title, string question, IReadOnlyList<string> items, string confirmLabel, Func<Task>? after = null)
    {
        if (plan.Problem is not null)
        {
            Outcome = plan.Refusal;
            return;
        }
        Confirm = new ConfirmRequest(title, question, items, confirmLabel, async () =>
        {
            await RunAsync(() => plan.RunAsync());
            if (after is not null)
                await after();
        })
        { Cli = plan.Cli };
    }

    /// <summary>Runs a form's action: its refusal or failure in words, for the form to show, or null when it went through.</summary>
    protected async Task<string?> RunFormAsync(ActionPlan plan)
    {
        if (plan.Problem is not null)
            return plan.Problem;
        await RunAsync(() => plan.RunAsync());
        return Outcome?.Ok == true ? null : Outcome?.Results.FirstOrDefault()?.Message ?? Outcome?.Summary;
    }
}
