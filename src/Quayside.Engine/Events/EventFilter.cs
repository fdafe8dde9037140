using Quayside.Engine.Cli;
using Quayside.Engine.Model;

namespace Quayside.Engine.Events;

/// <summary>The events page's filters: types, action, actor name (container/image/volume/network...) and a time range.</summary>
public sealed record EventFilter
{
    public static readonly IReadOnlyList<string> KnownTypes = ["container", "image", "volume", "network", "daemon", "plugin", "node", "service", "secret", "config"];

    public IReadOnlySet<string> Types { get; init; } = new HashSet<string>();
    public string? Action { get; init; }
    public string? Name { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }

    /// <summary>True when the filter asks for a past range the live feed cannot answer: read it from the engine.</summary>
    public bool IsPastRange => Until is not null;

    public bool Matches(EngineEvent e) =>
        (Types.Count == 0 || Types.Contains(e.Type))
        && (string.IsNullOrWhiteSpace(Action) || e.Action.StartsWith(Action.Trim(), StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrWhiteSpace(Name) || e.ActorName.Contains(Name.Trim(), StringComparison.OrdinalIgnoreCase)
            || e.Actor.Id.StartsWith(Name.Trim(), StringComparison.OrdinalIgnoreCase)
            || (e.Actor.Attributes?.GetValueOrDefault("image")?.Contains(Name.Trim(), StringComparison.OrdinalIgnoreCase) ?? false))
        && (Since is null || e.At >= Since)
        && (Until is null || e.At <= Until);

    public string? Validate() =>
        Since is { } s && Until is { } u && u < s ? "'Until' is before 'since': the range is empty. Put the earlier time in 'since'."
        : Since is { } f && f > DateTimeOffset.UtcNow.AddMinutes(1) ? "'Since' is in the future: no event can match yet."
        : null;

    public string Cli() => DockerCli.Events(Types.Order(), Action, Name, Since, Until);
}
