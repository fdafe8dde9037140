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

    /// <summary>An image to run: a reference as for <see cref="ImageReference"/>, optionally with @sha256:digest, or an image id.</summary>
    public static string? ImageToRun(string? image)
    {
        var i = image?.Trim() ?? "";
        if (i.Length == 0)
            return "An image is required, e.g. nginx:1.27 or localhost:5000/team/app:1.0.";
        if (ImageIdPattern().IsMatch(i))
            return null;
        var at = i.IndexOf('@');
        if (at >= 0)
            return DigestPattern().IsMatch(i[(at + 1)..]) && ImageReference(i[..at]) is null ? null
                : $"'{i}' is not a valid image: a digest is written name@sha256: followed by 64 hex digits.";
        return ImageReference(i);
    }

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")] private static partial Regex ContainerNamePattern();
    [GeneratedRegex(@"^(?:sha256:)?[0-9a-f]{12,64}$")] private static partial Regex ImageIdPattern();
    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$")] private static partial Regex DigestPattern();
    [GeneratedRegex(@"^(SIG)?[A-Z][A-Z0-9+-]*$")] private static partial Regex SignalPattern();
    [GeneratedRegex(@"^(?:(?:localhost|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*:[0-9]+)/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$")]
    private static partial Regex ReferencePattern();
}
