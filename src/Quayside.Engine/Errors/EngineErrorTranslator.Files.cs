using System.Net;
using Quayside.Engine.Connection;

namespace Quayside.Engine.Errors;

/// <summary>Failures of the archive API (files in a container).</summary>
public static partial class EngineErrorTranslator
{
    public static string NoContainer(string container) => $"There is no container '{container}' on this engine. It may have been removed.";

    /// <summary>
    /// An archive-API failure on <paramref name="path"/> in a container the model knows: the engine answers 404 both for a
    /// missing container and a missing path, so a 404 that does not name the container is the path.
    /// </summary>
    public static string FileProblem(Exception error, string path, EngineEndpoint endpoint) =>
        error is EngineApiException { Status: HttpStatusCode.NotFound } api
            && !api.EngineMessage.StartsWith("No such container", StringComparison.OrdinalIgnoreCase)
            ? $"No such file or folder: {path}."
            : Translate(error, endpoint).ToString();
}
