namespace Quayside.Engine.Stacks;

public static class DiffMasking
{
    /// <summary>The same diff with each line's text passed through <paramref name="map"/> (an env file's values hidden, say).</summary>
    public static TextDiffResult MapText(this TextDiffResult diff, Func<string, string> map) =>
        new([.. diff.Hunks.Select(h => h with { Lines = [.. h.Lines.Select(l => l with { Text = map(l.Text) })] })], diff.Added, diff.Removed);
}
