using Quayside.Engine.Connection;

namespace Quayside.Engine.Errors;

/// <summary>
/// Failures of registries (HTTP API v2), of Docker Hub's web API and of the engine's Hub search. <c>registry</c> is the
/// registry's address (host[:port]) as the sentences name it.
/// </summary>
public static partial class EngineErrorTranslator
{
    public static string RegistryNeedsLogin(string registry, bool basic = false) =>
        $"The registry {registry} requires a login{(basic ? " (Basic)" : "")} and no credentials are saved for it. Add them on the Registries page.";

    public static string RegistryRefusedCredentials(string registry, string username) =>
        $"The registry {registry} refused the saved credentials for {username} (401 unauthorized). Check the user name and password.";

    public static string RegistryUnknownScheme(string registry, string scheme) =>
        $"The registry {registry} asks for an authentication scheme Quayside does not know ({scheme}).";

    /// <param name="username">The user whose credentials were sent; null when none are saved.</param>
    public static string TokenServiceRefused(string registry, int status, string? username) => status == 401
        ? $"The token service of {registry} refused the credentials{(username is null ? " (none are saved)" : $" for {username}")}."
        : $"The token service of {registry} answered {status}.";

    public static string TokenServiceSentNoToken(string registry) => $"The token service of {registry} sent no token.";

    public static string RegistryUnreachable(string? authority, Exception error) =>
        $"The registry at {authority} could not be reached ({error.Message.TrimEnd('.')}). Is the address right and the registry running?";

    public static string RegistryTimedOut(string? authority) => $"The registry at {authority} did not answer in time.";

    /// <summary>A registry's error answer, by the code in its body (the distribution spec's), else by status.</summary>
    public static string RegistryFailure(string registry, string path, int status, string? reason, string code) => code switch
    {
        "NAME_UNKNOWN" => $"The registry {registry} has no repository like that ({path}).",
        "MANIFEST_UNKNOWN" => $"The registry {registry} has no such tag or digest ({path}).",
        "DENIED" => $"The registry {registry} denied access to {path}.",
        "UNSUPPORTED" when path.StartsWith("/v2/_catalog", StringComparison.Ordinal) =>
            $"The registry {registry} does not offer a catalog of its repositories; open a repository by name instead.",
        _ when status == 404 => $"The registry {registry} has nothing at {path} (404).",
        _ => $"The registry {registry} answered {status} {reason} for {path}{(code.Length > 0 ? $" ({code})" : "")}.",
    };

    public static string HubUnreachable(string authority, Exception error) =>
        $"Docker Hub ({authority}) could not be reached ({error.Message.TrimEnd('.')}). Searching Docker Hub needs Internet access from the Quayside server.";

    public static string HubTimedOut(string authority) => $"Docker Hub ({authority}) did not answer in time.";

    /// <summary>Docker Hub's error answer: 404 is a repository it does not have.</summary>
    public static string HubFailure(string path, int status, string? reason) => status == 404
        ? $"Docker Hub has no such repository ({path})."
        : $"Docker Hub answered {status} {reason}.";

    public static string EngineSearchFailed(Exception error, EngineEndpoint endpoint) =>
        $"The engine's Docker Hub search failed: {Translate(error, endpoint)}";

    // An answer's body; source is who answered as a sentence's subject ("The registry 10.0.0.5:5000"), what is what it sent.
    public static string AnswerTooLarge(string source, string what, int maxMiB) =>
        $"{source} sent more than {maxMiB} MiB for {what}; Quayside reads at most that much of an answer " +
        "(manifests, configs, lists and tokens are far smaller) and stopped reading. Check that the address points at a registry.";

    public static string AnswerTooSlow(string source, string what, TimeSpan deadline) =>
        $"{source} did not finish sending {what} within {deadline.TotalSeconds:0} seconds.";

    public static string AnswerBrokenOff(string source, string what, Exception error) =>
        $"{source} broke off while sending {what} ({error.Message.TrimEnd('.')}).";

    public static string AnswerNotJson(string source, string what) =>
        $"{source} sent {what} that is not JSON; check that the address points at a registry.";
}
