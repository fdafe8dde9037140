using System.Globalization;
using System.Text.RegularExpressions;

namespace Quayside.Web.Api;

/// <summary>
/// How large an upload may be, and where spooled uploads wait: QUAYSIDE_MAX_IMAGE_UPLOAD (image loads and imports,
/// default 20 GiB), QUAYSIDE_MAX_UPLOAD (build contexts, zips, loose build files, files into containers, default 2 GiB),
/// QUAYSIDE_UPLOAD_TEMP (the spool folder, default the system's temporary folder).
/// </summary>
public sealed partial record UploadLimits(long ImageBytes, long OtherBytes, string SpoolDirectory)
{
    public const string ImageSetting = "QUAYSIDE_MAX_IMAGE_UPLOAD";
    public const string OtherSetting = "QUAYSIDE_MAX_UPLOAD";
    public const string SpoolSetting = "QUAYSIDE_UPLOAD_TEMP";
    public const long DefaultImageBytes = 20L << 30;
    public const long DefaultOtherBytes = 2L << 30;

    /// <summary>Reads the settings; a value that is not a size stops the start with a sentence naming the setting.</summary>
    public static UploadLimits Resolve(IConfiguration config) => new(
        Read(config, ImageSetting, DefaultImageBytes),
        Read(config, OtherSetting, DefaultOtherBytes),
        config[SpoolSetting] is { Length: > 0 } spool ? Path.GetFullPath(spool) : Path.GetTempPath());

    public UploadLimit ForImages => new(ImageBytes, ImageSetting, "image loads and imports");

    public UploadLimit ForOthers => new(OtherBytes, OtherSetting, "build contexts and file uploads");

    private static long Read(IConfiguration config, string setting, long fallback) =>
        config[setting] is not { Length: > 0 } text ? fallback
        : ParseSize(text) is { } bytes ? bytes
        : throw new InvalidOperationException(
            $"{setting}={text} is not a size: write a number of bytes, or a number with a unit such as 500MB, 2GiB or 20GiB (KB, MB, GB, TB count in 1000s; KiB, MiB, GiB, TiB and k, m, g, t in 1024s).");

    /// <summary>"2GiB", "500MB", "1.5g", "1048576"; null when it is not a positive size.</summary>
    public static long? ParseSize(string text)
    {
        var m = SizePattern().Match(text.Trim());
        if (!m.Success || !decimal.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return null;
        var unit = m.Groups[2].Value.ToLowerInvariant();
        decimal factor = unit switch
        {
            "" or "b" => 1,
            "kb" => 1e3m, "mb" => 1e6m, "gb" => 1e9m, "tb" => 1e12m,
            "k" or "kib" => 1L << 10, "m" or "mib" => 1L << 20, "g" or "gib" => 1L << 30, "t" or "tib" => 1L << 40,
            _ => 0,
        };
        var bytes = number * factor;
        return bytes is >= 1 and <= long.MaxValue ? (long)bytes : null;
    }

    /// <summary>A size as a person reads it, in the largest unit that divides it exactly: 20 GiB, 500 MB, 1000 bytes.</summary>
    public static string Describe(long bytes)
    {
        foreach (var (factor, unit) in new[] { (1L << 40, "TiB"), (1L << 30, "GiB"), (1L << 20, "MiB"), (1L << 10, "KiB"),
                     (1_000_000_000_000L, "TB"), (1_000_000_000L, "GB"), (1_000_000L, "MB"), (1_000L, "KB") })
            if (bytes >= factor && bytes % factor == 0)
                return $"{bytes / factor} {unit}";
        return bytes == 1 ? "1 byte" : $"{bytes} bytes";
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\z")] private static partial Regex SizePattern();
}

/// <summary>One endpoint's limit: the bytes, the setting that raises it, and what it covers (for the refusal).</summary>
public sealed record UploadLimit(long Bytes, string Setting, string Covers)
{
    public string TooLarge => $"The upload is larger than {UploadLimits.Describe(Bytes)}, the limit for {Covers}. Send a smaller file, or raise the limit with the setting {Setting}.";

    public string ExpandsTooMuch => $"The upload expands to more than {UploadLimits.Describe(Bytes)} when unpacked, the limit for {Covers}. Send a smaller archive, or raise the limit with the setting {Setting}.";
}
