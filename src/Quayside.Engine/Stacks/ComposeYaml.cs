using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Quayside.Engine.Stacks;

/// <summary>
/// Writes a compose file through YamlDotNet's emitter, deciding each scalar's style itself: compose reads YAML 1.1, where
/// plain <c>yes</c>, <c>on</c>, <c>1.0</c> or <c>8080:80</c> (base 60!) are not strings, so only plain text that cannot be
/// read as anything else stays unquoted. Values get <c>$$</c> for <c>$</c>, as compose would otherwise substitute variables.
/// </summary>
internal sealed partial class ComposeYaml
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase) { "y", "n", "yes", "no", "on", "off", "true", "false", "null" };
    private readonly StringWriter _text = new() { NewLine = "\n" };
    private readonly Emitter _emitter;

    public ComposeYaml()
    {
        _emitter = new Emitter(_text, new EmitterSettings(2, int.MaxValue, false, 1024, indentSequences: true, newLine: "\n"));
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
    }

    public void BeginMap() => _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));

    public void EmptyMap()
    {
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow));
        _emitter.Emit(new MappingEnd());
    }

    public void EndMap() => _emitter.Emit(new MappingEnd());

    public void BeginList() => _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));

    public void EndList() => _emitter.Emit(new SequenceEnd());

    /// <summary>A mapping key: quoted like a value, but compose substitutes no variables in keys.</summary>
    public void Key(string key) => Scalar(key, PlainIsSafe(key) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted);

    public void Text(string value)
    {
        var escaped = value.Replace("$", "$$", StringComparison.Ordinal);
        Scalar(escaped, PlainIsSafe(escaped) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted);
    }

    /// <summary>A number or boolean, meant to be read as one.</summary>
    public void Literal(string value) => Scalar(value, ScalarStyle.Plain);

    /// <summary>A list of words in one line, as compose files usually write a command: ["httpd", "-f"].</summary>
    public void Words(IEnumerable<string> words)
    {
        _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow));
        foreach (var w in words)
            Scalar(w.Replace("$", "$$", StringComparison.Ordinal), ScalarStyle.DoubleQuoted);
        _emitter.Emit(new SequenceEnd());
    }

    public void Entry(string key, string value)
    {
        Key(key);
        Text(value);
    }

    public void TextList(string key, IEnumerable<string> values)
    {
        Key(key);
        BeginList();
        foreach (var v in values)
            Text(v);
        EndList();
    }

    public void TextMap(string key, IEnumerable<(string Key, string Value)> entries)
    {
        Key(key);
        BeginMap();
        foreach (var (k, v) in entries)
            Entry(k, v);
        EndMap();
    }

    public string Finish()
    {
        _emitter.Emit(new DocumentEnd(true));
        _emitter.Emit(new StreamEnd());
        return _text.ToString();
    }

    private void Scalar(string value, ScalarStyle style) =>
        _emitter.Emit(new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, value, style, true, true));

    internal static bool PlainIsSafe(string text) => PlainPattern().IsMatch(text) && !Keywords.Contains(text);

    // Starts with a letter, '_', '/' or ./ ../ (so never a number, date or .inf), with ':' only between other characters.
    [GeneratedRegex(@"^(?:[A-Za-z_/]|\.\.?/)[A-Za-z0-9_./@+-]*(?::[A-Za-z0-9_./@+-]+)*$")]
    private static partial Regex PlainPattern();
}
