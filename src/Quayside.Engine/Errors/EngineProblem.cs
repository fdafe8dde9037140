namespace Quayside.Engine.Errors;

/// <summary>An error put in words for a person: what happened, and (when known) what to do about it.
/// <paramref name="Field"/> names the create-form field the refusal concerns (a <c>RunField</c>), when there is one.</summary>
public sealed record EngineProblem(string Message, string? Advice = null, string? Field = null)
{
    public override string ToString() => Advice is null ? Message : $"{Message} {Advice}";
}
