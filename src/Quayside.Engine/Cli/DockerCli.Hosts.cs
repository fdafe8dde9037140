using Quayside.Engine.Connection;

namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    /// <summary>
    /// How a user names a host on the command line: <c>--context NAME</c> for an imported context, <c>-H ssh://...</c>,
    /// or <c>-H tcp://... --tlsverify --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem</c> (the files the user keeps).
    /// </summary>
    public static string HostFlags(EngineEndpoint endpoint, string? contextName = null)
    {
        if (contextName is not null)
            return ShellQuote.Join(["--context", contextName]);
        string[] words = endpoint.Transport == EngineTransport.Tls
            ? ["-H", endpoint.Address, "--tlsverify", "--tlscacert", "ca.pem", "--tlscert", "cert.pem", "--tlskey", "key.pem"]
            : ["-H", endpoint.Address];
        return ShellQuote.Join(words);
    }

    /// <summary>
    /// Puts the host flags after the leading <c>docker</c> (or compose v1's <c>docker-compose</c>) of every command of a line (<c>a &amp;&amp; b</c> included),
    /// once: a command that already names the host is left as it is.
    /// </summary>
    /// <param name="environment">What goes before each <c>docker</c>, such as <c>DOCKER_API_VERSION=1.24 </c>.</param>
    public static string OnHost(string hostFlags, string line, string environment = "") =>
        hostFlags.Length == 0 ? line : HostPosition().Replace(line, m =>
            line.AsSpan(m.Index + m.Length).StartsWith(hostFlags + " ", StringComparison.Ordinal) ? m.Value : $"{environment}{m.Value}{hostFlags} ");

    /// <summary>The variable a user sets to speak the host's pinned API version, with a trailing space; empty when none is pinned.</summary>
    public static string ApiVersionEnvironment(EngineEndpoint endpoint) =>
        endpoint.ApiVersion is { } v ? $"DOCKER_API_VERSION={v} " : "";

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=^|&& |\| |\$\()docker(-compose)? ")]
    private static partial System.Text.RegularExpressions.Regex HostPosition();
}
