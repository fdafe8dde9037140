using System.Net;

namespace Quayside.Engine.Connection;

/// <summary>The engine answered with an error status; <see cref="EngineMessage"/> is its own "message" text.</summary>
public class EngineApiException(HttpStatusCode status, string engineMessage, string path)
    : Exception($"Engine answered {(int)status} for {path}: {engineMessage}")
{
    public HttpStatusCode Status { get; } = status;
    public string EngineMessage { get; } = engineMessage;
    public string Path { get; } = path;
}
