namespace Quayside.Engine.CreateContainer;

/// <summary>Reads a pasted <c>.env</c> block: KEY=value lines, blank lines and # comments skipped, an optional
/// <c>export</c> prefix, and one pair of surrounding quotes removed from the value.</summary>
public static class EnvBlock
{
    public static (List<KeyValueRow> Rows, string? Problem) Parse(string? text)
    {
        var rows = new List<KeyValueRow>();
        if (string.IsNullOrWhiteSpace(text))
            return (rows, null);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("export "))
                line = line["export ".Length..].TrimStart();
            var eq = line.IndexOf('=');
            if (eq <= 0)
                return (rows, $"Line {n + 1} (\"{line}\") is not KEY=value: each line must be a name, '=', then the value.");
            var key = line[..eq].Trim();
            if (RunSpecRules.EnvKey(key) is { } bad)
                return (rows, $"Line {n + 1}: {bad}");
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\''))
                value = value[1..^1];
            rows.Add(new KeyValueRow { Key = key, Value = value });
        }
        return (rows, null);
    }
}
