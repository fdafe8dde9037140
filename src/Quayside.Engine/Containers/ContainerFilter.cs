using System.Text.RegularExpressions;

namespace Quayside.Engine.Containers;

/// <summary>
/// The containers list's filters. State, name, image and label match as the engine's
/// <c>docker ps --filter</c> does, so the CLI line lists the same containers; the search text is the page's own.
/// </summary>
public sealed record ContainerFilter
{
    public static readonly IReadOnlyList<string> KnownStates = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

    public IReadOnlyList<string> States { get; init; } = [];

    /// <summary>Matched as the engine does: a regular expression searched in "/name".</summary>
    public string? Name { get; init; }

    /// <summary>Like <c>--filter ancestor=</c>: the image (tag or id) or any image built on it.</summary>
    public string? Image { get; init; }

    /// <summary>"key" or "key=value", like <c>--filter label=</c>.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Free text matched case-insensitively in names, id, image, command, status and labels.</summary>
    public string? Search { get; init; }

    /// <summary>Every problem with the filter in words; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var state in States.Where(s => !KnownStates.Contains(s)))
            problems.Add($"'{state}' is not a container state; use one of {string.Join(", ", KnownStates)}.");
        if (!string.IsNullOrEmpty(Name))
        {
            try
            {
                _ = new Regex(Name);
            }
            catch (ArgumentException)
            {
                problems.Add($"The name filter '{Name}' is not a valid regular expression; plain text like 'web' is fine.");
            }
        }
        foreach (var label in Labels.Where(l => string.IsNullOrWhiteSpace(l) || l.StartsWith('=')))
            problems.Add($"The label filter '{label}' needs a key: use 'key' or 'key=value'.");
        return problems;
    }

    public bool IsEmpty => States.Count == 0 && string.IsNullOrEmpty(Name) && string.IsNullOrEmpty(Image)
        && Labels.Count == 0 && string.IsNullOrEmpty(Search);
}
