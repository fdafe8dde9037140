namespace Quayside.Engine.Registries;

/// <summary>Orders tags with numbers compared as numbers (1.9 before 1.10), newest-looking last.</summary>
public sealed class TagOrder : IComparer<string>
{
    public static readonly TagOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
            return string.CompareOrdinal(x, y);
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsDigit(x[i]) && char.IsDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && char.IsDigit(x[i])) i++;
                while (j < y.Length && char.IsDigit(y[j])) j++;
                var a = x[si..i].TrimStart('0');
                var b = y[sj..j].TrimStart('0');
                var byNumber = a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
                if (byNumber != 0)
                    return byNumber;
                continue;
            }
            if (x[i] != y[j])
                return x[i].CompareTo(y[j]);
            i++;
            j++;
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }
}
