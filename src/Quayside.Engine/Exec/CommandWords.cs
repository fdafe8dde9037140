using System.Text;

namespace Quayside.Engine.Exec;

/// <summary>Splits a typed command into words like a POSIX shell: blanks separate, '…' is literal, "…" and \ escape.</summary>
public static class CommandWords
{
    public static IReadOnlyList<string>? Split(string? line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var s = line ?? "";
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
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
                    var close = s.IndexOf('\'', i + 1);
                    if (close < 0)
                        return null;
                    word.Append(s, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    for (i++; ; i++)
                    {
                        if (i >= s.Length)
                            return null;
                        if (s[i] == '"')
                            break;
                        if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '"' or '\\' or '$' or '`')
                            i++;
                        word.Append(s[i]);
                    }
                    break;
                case '\\' when i + 1 < s.Length:
                    word.Append(s[++i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return words;
    }
}
