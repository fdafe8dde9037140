using Quayside.Engine.Build;

namespace Quayside.Engine.Cli;

/// <summary>CLI lines of the Build feature: <c>docker build</c>.</summary>
public static partial class DockerCli
{
    public static string Build(BuildOptions o)
    {
        // --force-rm: a failed step's container is removed too, so a failed build leaves nothing behind.
        var words = new List<string> { "docker", "build", "--force-rm" };
        foreach (var tag in o.Tags)
            words.AddRange(["-t", tag]);
        if (o.Context == BuildContextKind.Files && o.TypedDockerfile)
            words.AddRange(["-f", "-"]);
        else if (o.Dockerfile != "Dockerfile")
            words.AddRange(["-f", o.Dockerfile]);
        foreach (var (k, v) in o.BuildArgs)
            words.AddRange(["--build-arg", $"{k}={v}"]);
        foreach (var (k, v) in o.Labels)
            words.AddRange(["--label", $"{k}={v}"]);
        if (!string.IsNullOrEmpty(o.Target))
            words.AddRange(["--target", o.Target]);
        if (!string.IsNullOrEmpty(o.Platform))
            words.AddRange(["--platform", o.Platform]);
        words.AddRange([.. Flag(o.NoCache, "--no-cache"), .. Flag(o.Pull, "--pull")]);
        return o.Context switch
        {
            BuildContextKind.Files => ShellQuote.Join([.. words, "."]) + (o.TypedDockerfile ? " < Dockerfile" : ""),
            _ => ShellQuote.Join([.. words, "-"]) + " < context.tar",
        };
    }
}
