namespace Quayside.Engine.Connection;

/// <summary>
/// An id or name that cannot be put into an engine URL (a '..' segment, a character the engine's grammar does not allow),
/// refused before anything is sent. The message is a sentence for a person: what is wrong and what is accepted.
/// </summary>
public sealed class InvalidEngineNameException(string message) : ArgumentException(message);
