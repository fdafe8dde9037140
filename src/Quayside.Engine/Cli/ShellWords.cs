using System.Text;

namespace Quayside.Engine.Cli;

/// <summary>
/// Splits a command line into words the way a POSIX shell would (quotes and backslashes), without expansions: the
/// inverse of <see cref="ShellQuote"/>, used for every command a person types (the create form, the console).
/// </summary>
public static class ShellWords
{
    /// <returns>The words, or the problem (an unterminated quote or a trailing backslash).</returns>
    public static (List<string> Words, string? Problem) Split(string? line)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(line))
            return (words, null);
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            switch (c)
            {
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                        return (words, "A quote is not closed: a single quote (') has no partner. Close it, or put a backslash before it.");
                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    var j = i + 1;
                    for (; j < line.Length && line[j] != '"'; j++)
                    {
                        if (line[j] == '\\' && j + 1 < line.Length && line[j + 1] is '"' or '\\' or '$' or '`')
                            j++;
                        word.Append(line[j]);
                    }
                    if (j >= line.Length)
                        return (words, "A quote is not closed: a double quote (\") has no partner. Close it, or put a backslash before it.");
                    i = j;
                    break;
                case '\\':
                    if (i + 1 >= line.Length)
                        return (words, "The line ends with a backslash: remove it, or follow it with the character to escape.");
                    word.Append(line[++i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return (words, null);
    }
}
