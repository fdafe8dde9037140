namespace Quayside.Engine.Cli;

public static partial class DockerCli
{
    public static string Pull(string reference, string? platform) =>
        ShellQuote.Join(["docker", "pull", .. platform is null ? Array.Empty<string>() : ["--platform", platform], reference]);

    public static string Push(string reference) => ShellQuote.Join(["docker", "push", reference]);

    /// <summary>The password goes on stdin, so it is never part of the line.</summary>
    public static string Login(string? server, string username) =>
        ShellQuote.Join(["docker", "login", "-u", username, "--password-stdin", .. server is null ? Array.Empty<string>() : [server]]);

    /// <summary>Forgets a registry's credentials; no server means Docker Hub.</summary>
    public static string Logout(string? server) =>
        ShellQuote.Join(["docker", "logout", .. server is null ? Array.Empty<string>() : [server]]);

    public static string Search(string term, int limit) =>
        ShellQuote.Join(["docker", "search", "--limit", limit.ToString(), term]);

    /// <summary>Lists a tag's platforms; --insecure for a plain-HTTP registry.</summary>
    public static string ManifestInspect(string reference, bool insecure) =>
        ShellQuote.Join(["docker", "manifest", "inspect", .. insecure ? new[] { "--insecure" } : [], reference]);
}
