namespace Quayside.Engine.Errors;

/// <summary>An error put in words for a person: what happened, and (when known) what to do about it.</summary>
public sealed record EngineProblem(string Message, string? Advice = null)
{
    public override string ToString() => Advice is null ? Message : $"{Message} {Advice}";
}
