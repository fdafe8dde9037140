using System.Globalization;

namespace Quayside.Engine.Stats;

/// <summary>Figures as <c>docker stats</c> prints them: memory in binary units (MiB), network and block I/O in decimal (kB, MB).</summary>
public static class StatsFormat
{
    private static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Percent(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Memory(double bytes)
    {
        var unit = 0;
        while (bytes >= 1024 && unit < BinaryUnits.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }
        return bytes.ToString("0.##", CultureInfo.InvariantCulture) + BinaryUnits[unit];
    }

    public static string MemoryUsage(StatsSample s) => $"{Memory(s.MemoryUsage)} / {Memory(s.MemoryLimit)}";

    public static string Io(ulong a, ulong b) =>
        $"{Actions.ByteSize.Format((long)a)} / {Actions.ByteSize.Format((long)b)}";
}
