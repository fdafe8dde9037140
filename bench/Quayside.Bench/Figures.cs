namespace Quayside.Bench;

/// <summary>How every benchmark reduces its rounds to a figure and marks a goal it missed.</summary>
public static class Figures
{
    /// <summary>Runs the two measurements of a round, swapping their order every other round so neither always goes first.</summary>
    public static async Task InTurnAsync(int round, Func<Task> first, Func<Task> second)
    {
        await (round % 2 == 0 ? first : second)();
        await (round % 2 == 0 ? second : first)();
    }

    /// <summary>The middle value, or the mean of the middle two for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Missed(bool met) => met ? "" : "  MISSED";
}
