using Quayside.Engine.Actions;

namespace Quayside.Engine.Pulls;

/// <summary>An os/architecture[/variant] triple, as <c>--platform</c> takes it.</summary>
public sealed record PlatformSpec(string Os, string Architecture, string? Variant = null)
{
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    /// <summary>Null for an empty text (the engine's own platform); otherwise parsed after <see cref="InputRules.Platform"/>.</summary>
    public static PlatformSpec? TryParse(string? text, out string? problem)
    {
        problem = InputRules.Platform(text?.Trim());
        if (problem is not null || string.IsNullOrWhiteSpace(text))
            return null;
        var parts = text.Trim().Split('/');
        return new PlatformSpec(parts[0], parts[1], parts.Length > 2 ? parts[2] : null);
    }
}
