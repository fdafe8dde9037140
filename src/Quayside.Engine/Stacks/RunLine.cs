using System.Text;
using Quayside.Engine.Cli;
using Quayside.Engine.CreateContainer;

namespace Quayside.Engine.Stacks;

/// <summary>The form read from a <c>docker run</c> line, or why it cannot be (then <see cref="Spec"/> is null).</summary>
public sealed record RunLineResult(RunSpec? Spec, IReadOnlyList<string> Problems)
{
    public bool Ok => Spec is not null;
}

/// <summary>
/// Reads a pasted <c>docker run</c> line into a <see cref="RunSpec"/>, the inverse of <see cref="DockerCli.Run"/>, so a
/// container someone runs by hand can become a compose service. What has no place in the form is refused in words, never dropped.
/// </summary>
public static class RunLine
{
    public static RunLineResult Parse(string line)
    {
        var (text, shellProblem) = Unfold(line);
        if (shellProblem is not null)
            return Refused([shellProblem]);
        var (words, quoteProblem) = ShellWords.Split(text);
        if (quoteProblem is not null)
            return Refused([quoteProblem]);
        var start = words switch
        {
            ["docker", "run" or "create", ..] => 2,
            ["docker", "container", "run" or "create", ..] => 3,
            _ => -1,
        };
        if (start < 0)
            return Refused(["The line must start with docker run (or docker container run)."]);

        var reader = new RunLineReader(new RunSpec { StartAfterCreate = words[start - 1] == "run" });
        var image = reader.ReadOptions(words, start);
        if (image < 0)
            return Refused(reader.Problems);
        if (image >= words.Count)
            reader.Problems.Add("No image is named: put the image after the options, e.g. docker run -d nginx:1.27.");
        else
        {
            reader.Spec.Image = words[image];
            reader.Spec.Command = ShellQuote.Join(words.Skip(image + 1));
            reader.Check();
        }
        return reader.Problems.Count > 0 ? Refused(reader.Problems) : new RunLineResult(reader.Spec, []);
    }

    private static RunLineResult Refused(IReadOnlyList<string> problems) => new(null, problems);

    /// <summary>
    /// Joins backslash-continued lines, and refuses what a shell would do before docker sees the line (expansions,
    /// pipes, further commands): Quayside reads the words as written and cannot do it for the user.
    /// </summary>
    private static (string Text, string? Problem) Unfold(string line)
    {
        var text = new StringBuilder(line.Length);
        bool single = false, dbl = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (single)
            {
                single = c != '\'';
                text.Append(c);
                continue;
            }
            if (c == '\\' && i + 1 < line.Length)
            {
                if (line[i + 1] == '\n')
                    i++;
                else if (line[i + 1] == '\r' && i + 2 < line.Length && line[i + 2] == '\n')
                    i += 2;
                else
                    text.Append(c).Append(line[++i]);
                continue;
            }
            if (c == '$' && i + 1 < line.Length && (char.IsAsciiLetterOrDigit(line[i + 1]) || line[i + 1] is '_' or '{' or '('))
                return ("", $"The line uses {Expansion(line, i)}, which your shell would replace before docker sees it: Quayside cannot, so write the value itself (in single quotes if it holds a $).");
            if (c == '`')
                return ("", "The line runs a command in backquotes, which your shell would replace before docker sees it: write the value itself.");
            if (!dbl && c is ';' or '|' or '&' or '<' or '>')
                return ("", $"The line holds '{c}', so it is more than one docker run command (or redirects it): paste the docker run command alone.");
            if (c == '#' && !dbl && (text.Length == 0 || char.IsWhiteSpace(text[^1])))
            {
                while (i + 1 < line.Length && line[i + 1] != '\n')
                    i++;
                continue;
            }
            if (c == '\n' && !dbl && !string.IsNullOrWhiteSpace(text.ToString()) && line.AsSpan(i).Trim().Length > 0)
                return ("", "The text holds more than one line, so it is more than one command: end each line but the last with a backslash (\\) to continue it, or paste the docker run command alone.");
            if (c == '\'' && !dbl)
                single = true;
            else if (c == '"')
                dbl = !dbl;
            text.Append(c);
        }
        return (text.ToString(), null);
    }

    private static string Expansion(string line, int dollar)
    {
        var end = dollar + 1;
        if (line[end] is '{' or '(')
            end = Math.Max(line.IndexOf(line[end] == '{' ? '}' : ')', end), end);
        else
            while (end + 1 < line.Length && (char.IsAsciiLetterOrDigit(line[end + 1]) || line[end + 1] == '_'))
                end++;
        return line[dollar..(end + 1)];
    }
}
