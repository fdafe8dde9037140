using System.Globalization;
using System.Text.RegularExpressions;

namespace Quayside.Engine.CreateContainer;

/// <summary>Memory sizes as the docker CLI reads them: binary units (512m = 512 MiB), with or without "b"/"ib".</summary>
public static partial class MemorySize
{
    public const string Accepted = "a number of bytes, or a number with a unit k, m, g, t (binary, so 512m = 512 MiB), e.g. 512m, 1g, 1.5GiB, 268435456";

    public static long? Parse(string? text)
    {
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success || !decimal.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return null;
        var power = m.Groups[2].Success ? "kmgtp".IndexOf(char.ToLowerInvariant(m.Groups[2].Value[0])) + 1 : 0;
        var bytes = number;
        for (var i = 0; i < power; i++)
            bytes *= 1024;
        return bytes > long.MaxValue ? null : (long)bytes;
    }

    /// <summary>The shortest CLI form of a byte count (1g, 512m, 64k or the bytes).</summary>
    public static string Short(long bytes)
    {
        foreach (var (unit, size) in new[] { ("g", 1L << 30), ("m", 1L << 20), ("k", 1L << 10) })
            if (bytes % size == 0)
                return (bytes / size).ToString(CultureInfo.InvariantCulture) + unit;
        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>E.g. "536,870,912 bytes (512 MiB)".</summary>
    public static string Describe(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        var human = unit < 0 ? "" : $" ({value.ToString("0.##", CultureInfo.InvariantCulture)} {units[unit]})";
        return bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes" + human;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?) ?([kmgtp])?(?:i?b)?$", RegexOptions.IgnoreCase)] private static partial Regex Pattern();
}
