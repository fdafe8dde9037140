using Quayside.Engine.Actions;
using Quayside.Engine.Images;

namespace Quayside.Engine.ImageArchives;

/// <summary><c>docker import</c>: the new image's name, Dockerfile changes (CMD, ENV, ...) and a commit message.</summary>
public sealed record ImportOptions(string? Reference, IReadOnlyList<string> Changes, string? Message = null)
{
    public IReadOnlyList<string> Problems() =>
        [.. (string.IsNullOrWhiteSpace(Reference) ? null : InputRules.ImageReference(Reference)) is { } p ? [p] : Array.Empty<string>(),
         .. Changes.Select(ChangeRules.Problem).OfType<string>()];
}

/// <summary>Commit options: <c>docker commit -m -a -c [--pause=false] CONTAINER [REPO[:TAG]]</c>.</summary>
public sealed record CommitOptions(string Container, string? Reference, string? Message, string? Author, IReadOnlyList<string> Changes, bool Pause = true)
{
    public IReadOnlyList<string> Problems() =>
        [.. (string.IsNullOrWhiteSpace(Reference) ? null : InputRules.ImageReference(Reference)) is { } p ? [p] : Array.Empty<string>(),
         .. Changes.Select(ChangeRules.Problem).OfType<string>()];
}

/// <summary>The Dockerfile instructions <c>--change</c> accepts.</summary>
public static class ChangeRules
{
    public static readonly IReadOnlyList<string> Allowed = ["CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "ONBUILD", "USER", "VOLUME", "WORKDIR"];

    public static string? Problem(string change)
    {
        var word = change.TrimStart().Split(' ', 2)[0].ToUpperInvariant();
        if (!Allowed.Contains(word))
            return $"'{change}' is not a change the engine accepts: start it with one of {string.Join(", ", Allowed)}, e.g. CMD [\"sh\"] or ENV A=1.";
        return change.Trim().Contains(' ') ? null : $"'{change}' has no value: write e.g. {word} followed by its value.";
    }

    /// <summary>One change per non-empty line of a text box.</summary>
    public static IReadOnlyList<string> FromLines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
