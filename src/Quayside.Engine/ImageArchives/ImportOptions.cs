using Quayside.Engine.Actions;
using Quayside.Engine.Images;

namespace Quayside.Engine.ImageArchives;

/// <summary><c>docker import</c>: the new image's name, Dockerfile changes (CMD, ENV, ...) and a commit message.</summary>
public sealed record ImportOptions(string? Reference, IReadOnlyList<string> Changes, string? Message = null) : INewImageInput;

/// <summary>Commit options: <c>docker commit -m -a -c [--pause=false] CONTAINER [REPO[:TAG]]</c>.</summary>
public sealed record CommitOptions(string Container, string? Reference, string? Message, string? Author, IReadOnlyList<string> Changes, bool Pause = true)
    : INewImageInput;

/// <summary>What import and commit both take for the image they make: an optional reference and Dockerfile changes.</summary>
public interface INewImageInput
{
    string? Reference { get; }

    IReadOnlyList<string> Changes { get; }
}

/// <summary>The one place import's and commit's input is checked; a form shows the reference's and the first change's problem by their fields.</summary>
public static class NewImageRules
{
    public static string? ReferenceProblem(this INewImageInput input) =>
        string.IsNullOrWhiteSpace(input.Reference) ? null : InputRules.ImageReference(input.Reference);

    public static string? ChangesProblem(this INewImageInput input) => input.Changes.Select(ChangeRules.Problem).FirstOrDefault(p => p is not null);

    /// <summary>Every problem: the reference's, then each change's.</summary>
    public static IReadOnlyList<string> Problems(this INewImageInput input) =>
        [.. input.ReferenceProblem() is { } p ? [p] : Array.Empty<string>(), .. input.Changes.Select(ChangeRules.Problem).OfType<string>()];
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
