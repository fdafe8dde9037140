using System.Text.RegularExpressions;

namespace Quayside.Engine.Cli;

/// <summary>Quotes words for a POSIX shell so that a copied line runs exactly as shown.</summary>
public static partial class ShellQuote
{
    public static string Word(string word)
    {
        if (word.Length > 0 && SafeWord().IsMatch(word))
            return word;
        return "'" + word.Replace("'", "'\"'\"'") + "'";
    }

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Word));

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@%+,-]+$")] private static partial Regex SafeWord();
}
