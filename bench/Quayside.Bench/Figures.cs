namespace Quayside.Bench;

/// <summary>How every benchmark reduces its rounds to a figure and marks a goal it missed.</summary>
public static class Figures
{
    /// <summary>The middle value, or the mean of the middle two for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Missed(bool met) => met ? "" : "  MISSED";
}
