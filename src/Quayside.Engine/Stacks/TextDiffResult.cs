using System.Globalization;
using System.Text;

namespace Quayside.Engine.Stacks;

public enum DiffKind { Same, Added, Removed }

/// <summary>One line of a hunk: its text without the line ending, and its number (from 1) in the file(s) that hold it.</summary>
public sealed record DiffLine(DiffKind Kind, string Text, int? OldNumber, int? NewNumber)
{
    /// <summary>The file's last line, with no line ending after it (a file that gains or loses the final newline changes that line).</summary>
    public bool NoNewlineAtEnd { get; init; }
}

/// <summary>
/// A run of changes with the unchanged lines around them. OldStart and NewStart number the first line the hunk holds
/// in each file (from 1); a hunk that holds no line of a file (an empty file, lines added at the very start) starts
/// where its lines would be.
/// </summary>
public sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<DiffLine> Lines)
{
    /// <summary>The unified diff range line, as GNU diff writes it: a count of 1 is left out, an empty range names the line before.</summary>
    public string Header => $"@@ -{Range(OldStart, OldCount)} +{Range(NewStart, NewCount)} @@";

    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start - 1},0"),
        1 => start.ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start},{count}"),
    };
}

public sealed class TextDiffResult(IReadOnlyList<DiffHunk> hunks, int added, int removed)
{
    public IReadOnlyList<DiffHunk> Hunks { get; } = hunks;

    public bool HasChanges => Hunks.Count > 0;

    /// <summary>Lines only the new text has.</summary>
    public int Added { get; } = added;

    /// <summary>Lines only the old text has.</summary>
    public int Removed { get; } = removed;

    /// <summary>The classic unified diff (what `diff -u` prints, without timestamps); empty when nothing changed.</summary>
    public string Unified(string oldName, string newName)
    {
        if (!HasChanges)
            return "";
        var text = new StringBuilder().Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
        foreach (var hunk in Hunks)
        {
            text.Append(hunk.Header).Append('\n');
            foreach (var line in hunk.Lines)
            {
                text.Append(line.Kind switch { DiffKind.Added => '+', DiffKind.Removed => '-', _ => ' ' }).Append(line.Text).Append('\n');
                if (line.NoNewlineAtEnd)
                    text.Append("\\ No newline at end of file\n");
            }
        }
        return text.ToString();
    }
}
