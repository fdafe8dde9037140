namespace Quayside.Engine.Stacks;

/// <summary>
/// Marks the lines of two files (as line ids: equal lines, equal ids) that a shortest edit script deletes or inserts.
/// Myers' O(ND) search, in linear space (the "middle snake" split), makes the same choices GNU diff makes where
/// several shortest scripts exist, so hunks read as `diff -u` prints them: lines that occur only in one file are set
/// aside before the search, and runs of changes are then slid over equal lines to join up and to face the other
/// file's changes.
/// </summary>
internal sealed class TextDiffMatcher
{
    private readonly int[] _x, _y;            // the ids of the lines the search looks at
    private readonly int[] _xLine, _yLine;    // and where each of those lines is in its file
    private readonly LineFlags _oldChanged, _newChanged;
    private readonly int[] _forward, _backward; // furthest x reached on each diagonal (x - y), shifted by _diagonalBase
    private readonly int _diagonalBase;

    private TextDiffMatcher(int[] oldIds, int[] newIds)
    {
        _oldChanged = new LineFlags(oldIds.Length);
        _newChanged = new LineFlags(newIds.Length);
        var maxId = Math.Max(oldIds.DefaultIfEmpty(-1).Max(), newIds.DefaultIfEmpty(-1).Max());
        (_x, _xLine) = Searchable(oldIds, Occurrences(newIds, maxId), _oldChanged);
        (_y, _yLine) = Searchable(newIds, Occurrences(oldIds, maxId), _newChanged);
        _diagonalBase = _y.Length + 1;
        _forward = new int[_x.Length + _y.Length + 3];
        _backward = new int[_x.Length + _y.Length + 3];
    }

    /// <summary>Which old lines go and which new lines come, each array one flag per line.</summary>
    public static (LineFlags Old, LineFlags New) Match(int[] oldIds, int[] newIds)
    {
        var matcher = new TextDiffMatcher(oldIds, newIds);
        matcher.Compare(0, matcher._x.Length, 0, matcher._y.Length);
        SlideRuns(oldIds, matcher._oldChanged, matcher._newChanged);
        SlideRuns(newIds, matcher._newChanged, matcher._oldChanged);
        return (matcher._oldChanged, matcher._newChanged);
    }

    private static int[] Occurrences(int[] ids, int maxId)
    {
        var counts = new int[maxId + 1];
        foreach (var id in ids)
            counts[id]++;
        return counts;
    }

    /// <summary>A line the other file does not have at all is changed whatever the search finds; leaving it out makes the search shorter.</summary>
    private static (int[] Ids, int[] Lines) Searchable(int[] ids, int[] otherCounts, LineFlags changed)
    {
        var kept = new List<int>(ids.Length);
        var lines = new List<int>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (otherCounts[ids[i]] == 0)
            {
                changed[i] = true;
                continue;
            }
            kept.Add(ids[i]);
            lines.Add(i);
        }
        return ([.. kept], [.. lines]);
    }

    private void Compare(int xLo, int xHi, int yLo, int yHi)
    {
        while (xLo < xHi && yLo < yHi && _x[xLo] == _y[yLo])
        {
            xLo++;
            yLo++;
        }
        while (xLo < xHi && yLo < yHi && _x[xHi - 1] == _y[yHi - 1])
        {
            xHi--;
            yHi--;
        }
        if (xLo == xHi)
        {
            for (var y = yLo; y < yHi; y++)
                _newChanged[_yLine[y]] = true;
        }
        else if (yLo == yHi)
        {
            for (var x = xLo; x < xHi; x++)
                _oldChanged[_xLine[x]] = true;
        }
        else
        {
            var (xMid, yMid) = MiddleSnake(xLo, xHi, yLo, yHi);
            Compare(xLo, xMid, yLo, yMid);
            Compare(xMid, xHi, yMid, yHi);
        }
    }

    /// <summary>
    /// Searches from both corners at once, one more edit per round, until the two searches meet on a diagonal: the
    /// meeting point lies on a shortest path, and splits the problem into two halves of about half the edits each.
    /// </summary>
    private (int X, int Y) MiddleSnake(int xLo, int xHi, int yLo, int yHi)
    {
        int[] fwd = _forward, bwd = _backward;
        var b = _diagonalBase;
        int lowest = xLo - yHi, highest = xHi - yLo;
        int fStart = xLo - yLo, bStart = xHi - yHi;
        int fLo = fStart, fHi = fStart, bLo = bStart, bHi = bStart;
        var meetForward = ((fStart - bStart) & 1) != 0; // the parity of the diagonals decides which search can meet the other
        fwd[b + fStart] = xLo;
        bwd[b + bStart] = xHi;
        while (true)
        {
            // Each round reaches one diagonal further out on each side, as long as that diagonal exists.
            if (fLo > lowest)
                fwd[b + --fLo - 1] = -1;
            else
                fLo++;
            if (fHi < highest)
                fwd[b + ++fHi + 1] = -1;
            else
                fHi--;
            for (var d = fHi; d >= fLo; d -= 2)
            {
                int below = fwd[b + d - 1], above = fwd[b + d + 1];
                var x = below >= above ? below + 1 : above;
                var y = x - d;
                while (x < xHi && y < yHi && _x[x] == _y[y])
                {
                    x++;
                    y++;
                }
                fwd[b + d] = x;
                if (meetForward && bLo <= d && d <= bHi && bwd[b + d] <= x)
                    return (x, y);
            }

            if (bLo > lowest)
                bwd[b + --bLo - 1] = int.MaxValue;
            else
                bLo++;
            if (bHi < highest)
                bwd[b + ++bHi + 1] = int.MaxValue;
            else
                bHi--;
            for (var d = bHi; d >= bLo; d -= 2)
            {
                int below = bwd[b + d - 1], above = bwd[b + d + 1];
                var x = below < above ? below : above - 1;
                var y = x - d;
                while (x > xLo && y > yLo && _x[x - 1] == _y[y - 1])
                {
                    x--;
                    y--;
                }
                bwd[b + d] = x;
                if (!meetForward && fLo <= d && d <= fHi && x <= fwd[b + d])
                    return (x, y);
            }
        }
    }

    /// <summary>
    /// A run of changed lines next to an equal unchanged line can be moved over it without changing the result. Each
    /// run is moved up and down as far as it goes, merging with the runs it meets, and comes to rest at its lowest
    /// place, or higher up where it lines up with a change in the other file. Both files' flags stay consistent: j
    /// follows the line of the other file that matches line i.
    /// </summary>
    private static void SlideRuns(int[] ids, LineFlags changed, LineFlags other)
    {
        int n = ids.Length, i = 0, j = 0;
        while (true)
        {
            while (i < n && !changed[i])
            {
                j = other.NextUnchanged(j) + 1;
                i++;
            }
            if (i == n)
                return;
            var start = i;
            while (changed[i])
                i++;
            j = other.NextUnchanged(j);

            int length, facing;
            do
            {
                length = i - start;
                while (start > 0 && ids[start - 1] == ids[i - 1])
                {
                    changed[--start] = true;
                    changed[--i] = false;
                    while (changed[start - 1])
                        start--;
                    j = other.PreviousUnchanged(j - 1);
                }
                facing = other[j - 1] ? i : n;
                while (i < n && ids[start] == ids[i])
                {
                    changed[start++] = false;
                    changed[i++] = true;
                    while (changed[i])
                        i++;
                    j++;
                    while (other[j])
                    {
                        j++;
                        facing = i;
                    }
                }
            }
            while (length != i - start);

            while (facing < i)
            {
                changed[--start] = true;
                changed[--i] = false;
                j = other.PreviousUnchanged(j - 1);
            }
        }
    }
}

/// <summary>One flag per line, readable one place beyond each end (always false there), so runs end without bounds checks.</summary>
internal sealed class LineFlags(int count)
{
    private readonly bool[] _flags = new bool[count + 2];

    public bool this[int line]
    {
        get => _flags[line + 1];
        set => _flags[line + 1] = value;
    }

    public int NextUnchanged(int line)
    {
        while (this[line])
            line++;
        return line;
    }

    public int PreviousUnchanged(int line)
    {
        while (this[line])
            line--;
        return line;
    }
}
