using System.Text.RegularExpressions;
using System.Web;
using Quayside.Engine.Cli;

namespace Quayside.Engine.Consoles;

/// <summary>
/// What a console runs in a container: the command as typed, and optionally the user, working dir and extra environment.
/// <see cref="ToQueryString"/> is the one way to write it into the console socket's address, <see cref="Parse"/> the one way
/// to read and check it back.
/// </summary>
public sealed partial record ExecRequest(string Command, string? User = null, string? WorkingDir = null, IReadOnlyList<string>? Env = null)
{
    /// <summary>The shells tried, in order, when the user names none.</summary>
    public static readonly IReadOnlyList<string> DefaultShells = ["/bin/bash", "/bin/sh", "/bin/ash"];

    public IReadOnlyList<string> EnvOrEmpty => Env ?? [];

    /// <summary>The command split into words the way a POSIX shell would (quotes and backslashes); null when it cannot be split.</summary>
    public IReadOnlyList<string>? Argv => ShellWords.Split(Command) is (var words, null) ? words : null;

    /// <summary>Each field's problem in words, saying what is accepted; empty when the request can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var (words, splitProblem) = ShellWords.Split(Command);
        if (splitProblem is not null)
            problems.Add($"Command: {char.ToLowerInvariant(splitProblem[0])}{splitProblem[1..]} Words are split like a shell does.");
        else if (words.Count == 0)
            problems.Add("Command: type a command to run, e.g. /bin/sh.");
        if (!string.IsNullOrEmpty(User) && !UserPattern().IsMatch(User))
            problems.Add($"User: \"{User}\" is not a user. Accepted: a name or a number, optionally with a group (app, 1000, app:staff, 1000:1000).");
        if (!string.IsNullOrEmpty(WorkingDir) && !WorkingDir.StartsWith('/'))
            problems.Add($"Working dir: \"{WorkingDir}\" is not an absolute path. Accepted: a path starting with /, e.g. /srv.");
        foreach (var line in EnvOrEmpty)
        {
            if (!EnvPattern().IsMatch(line))
                problems.Add($"Environment: \"{line}\" is not NAME=value. Accepted: one per line, a name of letters, digits and _ (not starting with a digit), '=', then any value.");
        }
        return problems;
    }

    /// <summary>The query string (without <c>?</c>): <c>cmd=…&amp;user=…&amp;workdir=…&amp;env=…&amp;env=…</c>, an empty user or working dir left out.</summary>
    public string ToQueryString()
    {
        var parts = new List<(string Key, string Value)> { ("cmd", Command) };
        if (!string.IsNullOrEmpty(User))
            parts.Add(("user", User));
        if (!string.IsNullOrEmpty(WorkingDir))
            parts.Add(("workdir", WorkingDir));
        parts.AddRange(EnvOrEmpty.Select(e => ("env", e)));
        // A browser address, not an engine path: UrlEncode is the pair of the ParseQueryString that reads it back.
        return string.Join("&", parts.Select(p => p.Key + "=" + HttpUtility.UrlEncode(p.Value)));
    }

    /// <summary>Reads a query string as <see cref="ToQueryString"/> writes it; <paramref name="problems"/> are <see cref="Validate"/>'s.</summary>
    public static ExecRequest Parse(string? queryString, out IReadOnlyList<string> problems)
    {
        var q = HttpUtility.ParseQueryString(queryString ?? "");
        var env = q.GetValues("env");
        var request = new ExecRequest(q["cmd"] ?? "", NullIfEmpty(q["user"]), NullIfEmpty(q["workdir"]), env is null ? null : [.. env]);
        problems = request.Validate();
        return request;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>Splits the environment box: one NAME=value per line, blank lines ignored.</summary>
    public static IReadOnlyList<string> ParseEnv(string? text) =>
        (text ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?$")] private static partial Regex UserPattern();
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")] private static partial Regex EnvPattern();
}
