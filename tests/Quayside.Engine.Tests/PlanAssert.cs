using Quayside.Engine.Actions;

namespace Quayside.Engine.Tests;

/// <summary>A plan's line, shown before asking, is the line its outcome reports; a refused input is refused by the plan alone.</summary>
public static class PlanAssert
{
    /// <summary>Runs the plan and checks it did so, with the line it showed.</summary>
    public static async Task<ActionOutcome> RunsAsShownAsync(ActionPlan plan, string expectedLine)
    {
        Assert.Equal(expectedLine, plan.Cli);
        Assert.Null(plan.Problem);
        var outcome = await plan.RunAsync();
        Assert.True(outcome.Ok, outcome.Summary);
        Assert.Equal(plan.Cli, outcome.Cli);
        return outcome;
    }

    /// <summary>The refusal is the plan's sentence, once, on the plan's line.</summary>
    public static async Task RefusedOnceAsync(ActionPlan plan, string sentence)
    {
        Assert.Equal(sentence, plan.Problem);
        var outcome = await plan.RunAsync();
        Assert.False(outcome.Ok);
        Assert.Equal(plan.Cli, outcome.Cli);
        Assert.Equal(sentence, Assert.Single(outcome.Results).Message);
        Assert.Equal(sentence, outcome.Summary);
    }
}
