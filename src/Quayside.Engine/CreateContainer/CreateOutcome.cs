namespace Quayside.Engine.CreateContainer;

/// <summary>
/// What a create or replace did: the CLI line it equals, a sentence, the new container's id when made, and the
/// problems by form field (<see cref="RunField"/>) so the page can show each next to its field.
/// </summary>
public sealed record CreateOutcome(bool Ok, string Cli, string Message, string? ContainerId, IReadOnlyDictionary<string, string> FieldErrors)
{
    public static CreateOutcome Invalid(string cli, Dictionary<string, string> errors) =>
        new(false, cli, "Some fields need correcting: see the messages next to them.", null, errors);

    public static CreateOutcome Refused(string cli, string field, string message) =>
        new(false, cli, message, null, new Dictionary<string, string> { [field] = message });
}
