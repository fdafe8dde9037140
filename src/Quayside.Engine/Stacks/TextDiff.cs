namespace Quayside.Engine.Stacks;

/// <summary>
/// Compares two texts line by line, as GNU `diff -u` does. Line endings are not compared: a file saved with CRLF equals
/// the same lines with LF (a browser's text box gives LF whatever the file had). A last line without a newline differs
/// from the same line with one, as in diff.
/// </summary>
public static class TextDiff
{
    public static TextDiffResult Compare(string oldText, string newText, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var oldLines = Split(oldText);
        var newLines = Split(newText);
        var ids = new Dictionary<SourceLine, int>();
        var (oldChanged, newChanged) = TextDiffMatcher.Match(Ids(oldLines, ids), Ids(newLines, ids));

        var changes = Changes(oldLines.Count, newLines.Count, oldChanged, newChanged);
        var hunks = new List<DiffHunk>();
        for (var first = 0; first < changes.Count;)
        {
            // Changes closer than twice the context share a hunk, so no unchanged line is shown twice.
            var last = first;
            while (last + 1 < changes.Count && (long)changes[last + 1].Old - changes[last].OldEnd <= 2L * context)
                last++;
            hunks.Add(Hunk(oldLines, newLines, changes, first, last, context));
            first = last + 1;
        }
        return new TextDiffResult(hunks, changes.Sum(c => c.Inserted), changes.Sum(c => c.Deleted));
    }

    private readonly record struct SourceLine(string Text, bool HasNewline);

    /// <summary>Lines from 0: where a change starts in each file and how many lines it takes out and puts in.</summary>
    private readonly record struct Change(int Old, int New, int Deleted, int Inserted)
    {
        public int OldEnd => Old + Deleted;
        public int NewEnd => New + Inserted;
    }

    private static List<SourceLine> Split(string text)
    {
        var lines = new List<SourceLine>();
        for (var start = 0; start < text.Length;)
        {
            var newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                lines.Add(new SourceLine(text[start..], false));
                break;
            }
            var end = newline > start && text[newline - 1] == '\r' ? newline - 1 : newline;
            lines.Add(new SourceLine(text[start..end], true));
            start = newline + 1;
        }
        return lines;
    }

    private static int[] Ids(List<SourceLine> lines, Dictionary<SourceLine, int> ids)
    {
        var result = new int[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (!ids.TryGetValue(lines[i], out var id))
                ids.Add(lines[i], id = ids.Count);
            result[i] = id;
        }
        return result;
    }

    private static List<Change> Changes(int oldCount, int newCount, LineFlags oldChanged, LineFlags newChanged)
    {
        var changes = new List<Change>();
        for (int i = 0, j = 0; i < oldCount || j < newCount; i++, j++)
        {
            if (!oldChanged[i] && !newChanged[j])
                continue;
            var oldEnd = oldChanged.NextUnchanged(i);
            var newEnd = newChanged.NextUnchanged(j);
            changes.Add(new Change(i, j, oldEnd - i, newEnd - j));
            (i, j) = (oldEnd, newEnd);
        }
        return changes;
    }

    private static DiffHunk Hunk(List<SourceLine> oldLines, List<SourceLine> newLines, List<Change> changes, int first, int last, int context)
    {
        // Outside the changes both files hold the same lines, so the context is as long on either side.
        var before = Math.Min(context, Math.Min(changes[first].Old, changes[first].New));
        var after = (int)Math.Min(context, (long)oldLines.Count - changes[last].OldEnd);
        int oldStart = changes[first].Old - before, newStart = changes[first].New - before;
        int oldEnd = changes[last].OldEnd + after, newEnd = changes[last].NewEnd + after;

        var lines = new List<DiffLine>();
        int i = oldStart, j = newStart;
        for (var c = first; c <= last; c++)
        {
            for (; i < changes[c].Old; i++, j++)
                lines.Add(Same(oldLines, i, j));
            for (; i < changes[c].OldEnd; i++)
                lines.Add(new DiffLine(DiffKind.Removed, oldLines[i].Text, i + 1, null) { NoNewlineAtEnd = !oldLines[i].HasNewline });
            for (; j < changes[c].NewEnd; j++)
                lines.Add(new DiffLine(DiffKind.Added, newLines[j].Text, null, j + 1) { NoNewlineAtEnd = !newLines[j].HasNewline });
        }
        for (; i < oldEnd; i++, j++)
            lines.Add(Same(oldLines, i, j));
        return new DiffHunk(oldStart + 1, oldEnd - oldStart, newStart + 1, newEnd - newStart, lines);
    }

    private static DiffLine Same(List<SourceLine> oldLines, int i, int j) =>
        new(DiffKind.Same, oldLines[i].Text, i + 1, j + 1) { NoNewlineAtEnd = !oldLines[i].HasNewline };
}
