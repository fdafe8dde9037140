using System.Diagnostics;
using System.Globalization;

namespace Quayside.Bench;

/// <summary>One timed GET: from sending the request to having read the last byte of the body.</summary>
public sealed class Probe(string name, HttpClient client, string path)
{
    private readonly byte[] _buffer = new byte[64 * 1024];

    public string Name { get; } = name;
    public string Path { get; } = path;
    public List<double> Milliseconds { get; } = [];
    public long LastBodyBytes { get; private set; }

    public async Task<double> RunAsync(bool record, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(Path, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"{Name}: GET {Path} answered {(int)response.StatusCode}.");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(_buffer, ct)) > 0)
            total += read;
        clock.Stop();
        LastBodyBytes = total;
        var ms = clock.Elapsed.TotalMilliseconds;
        if (record)
            Milliseconds.Add(ms);
        return ms;
    }

    public double Median => Percentile(0.5);
    public double P90 => Percentile(0.9);

    /// <summary>The median is the mean of the middle two for an even count; other percentiles are nearest-rank.</summary>
    public double Percentile(double p)
    {
        if (Milliseconds.Count == 0)
            return double.NaN;
        var sorted = Milliseconds.Order().ToList();
        if (p == 0.5)
            return Figures.Median(sorted);
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static string Ms(double ms) => ms.ToString(ms < 9.995 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";
}
