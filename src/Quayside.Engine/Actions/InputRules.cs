using System.Text.RegularExpressions;

namespace Quayside.Engine.Actions;

/// <summary>Checks user input before it reaches the engine; each returns null when valid, else what is wrong and what is accepted.</summary>
public static partial class InputRules
{
    public static readonly IReadOnlyList<string> CommonSignals =
        ["SIGKILL", "SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGSTOP", "SIGCONT", "SIGWINCH"];

    public static string? ContainerName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "A container name is required."
        : !ContainerNamePattern().IsMatch(name) ? $"'{name}' is not a valid container name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at least 2 characters."
        : null;

    public static string? StopTimeout(int seconds) =>
        seconds is < 0 or > 86400 ? $"The stop timeout {seconds} is out of range: use 0 to 86400 seconds." : null;

    public static string? Signal(string? signal)
    {
        if (string.IsNullOrWhiteSpace(signal))
            return "A signal is required, e.g. SIGTERM or 9.";
        if (int.TryParse(signal, out var n))
            return n is >= 1 and <= 64 ? null : $"Signal number {n} is out of range: use 1 to 64.";
        return SignalPattern().IsMatch(signal) ? null : $"'{signal}' is not a signal name: use a name like SIGTERM, SIGKILL, HUP or a number 1-64.";
    }

    /// <summary>A target for <c>docker tag</c>: [registry[:port]/]path[:tag], lowercase path, tag of up to 128 word characters.</summary>
    public static string? ImageReference(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
            return "An image name is required, e.g. myrepo/app:1.0.";
        if (reference.Length > 255)
            return "The image name is longer than 255 characters.";
        return ReferencePattern().IsMatch(reference) ? null
            : $"'{reference}' is not a valid image name: use lowercase [registry[:port]/]name[:tag], e.g. localhost:5000/team/app:1.0 (tags: letters, digits, '_', '.', '-', up to 128).";
    }

    /// <summary>An image to run: what <see cref="PullReference"/> accepts, or an image id.</summary>
    public static string? ImageToRun(string? image)
    {
        var i = image?.Trim() ?? "";
        if (i.Length == 0)
            return "An image is required, e.g. nginx:1.27 or localhost:5000/team/app:1.0.";
        return ImageIdPattern().IsMatch(i) ? null : PullReference(i);
    }

    /// <summary>What <c>docker pull</c> accepts: a tag target as above, or name@sha256:64-hex-digits (optionally name:tag@digest).</summary>
    public static string? PullReference(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
            return "An image reference is required, e.g. localhost:5000/lab/busybox:1 or busybox@sha256:….";
        var at = reference.IndexOf('@');
        if (at < 0)
            return ImageReference(reference);
        var digest = reference[(at + 1)..];
        if (!DigestPattern().IsMatch(digest))
            return $"'{digest}' is not a valid digest: use sha256: followed by 64 lowercase hexadecimal digits.";
        return ImageReference(reference[..at]);
    }

    /// <summary>A platform for <c>--platform</c>: os/arch[/variant], lowercase, e.g. linux/arm64/v8.</summary>
    public static string? Platform(string? platform)
    {
        if (string.IsNullOrWhiteSpace(platform))
            return null;
        return PlatformPattern().IsMatch(platform) ? null
            : $"'{platform}' is not a valid platform: use os/architecture[/variant] in lowercase, e.g. linux/amd64, linux/arm64 or linux/arm/v7.";
    }

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")] private static partial Regex ContainerNamePattern();
    [GeneratedRegex(@"^(?:sha256:)?[0-9a-f]{12,64}$")] private static partial Regex ImageIdPattern();
    [GeneratedRegex(@"^(SIG)?[A-Z][A-Z0-9+-]*$")] private static partial Regex SignalPattern();
    [GeneratedRegex(@"^(?:(?:localhost|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*:[0-9]+)/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$")]
    private static partial Regex ReferencePattern();
    [GeneratedRegex(@"^sha256:[a-f0-9]{64}$")] private static partial Regex DigestPattern();
    [GeneratedRegex(@"^[a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9]+)?$")] private static partial Regex PlatformPattern();
}
