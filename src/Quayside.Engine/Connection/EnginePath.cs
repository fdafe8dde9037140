using System.Text;
using System.Text.RegularExpressions;

namespace Quayside.Engine.Connection;

/// <summary>
/// The grammar of the ids and names that go into engine URLs, and each resource's path prefix (<see cref="EngineRoutes"/>
/// writes the whole paths from them). Each kind is checked against the engine's own grammar and escaped exactly once;
/// anything else (empty, '.' or '..', control characters, characters the engine never puts in that kind of name) is
/// refused with <see cref="InvalidEngineNameException"/> before a request is built. Without this, an image "name" like
/// <c>../../containers/X</c> read <c>/containers/X/json</c> (and the engine answers an encoded <c>..%2F</c> with a
/// redirect that an HTTP client follows, so escaping alone is not enough).
/// </summary>
public static partial class EnginePath
{
    /// <summary><c>/containers/{id or name}</c>; a name's leading '/' (as the engine lists names) is dropped.</summary>
    public static string Container(string idOrName) => "/containers/" + Uri.EscapeDataString(ValidContainer(idOrName));

    /// <summary>A container name or id as the engine's grammar allows it (leading '/' dropped), for a path or a query value.</summary>
    public static string ValidContainer(string idOrName)
    {
        var value = idOrName?.StartsWith('/') == true ? idOrName[1..] : idOrName;
        if (value is null || !ContainerPattern().IsMatch(value))
            throw Refuse(idOrName, "is not a valid container name or id",
                "use the container's name (letters, digits, '_', '.' and '-', starting with a letter or digit) or its id.");
        return value;
    }

    /// <summary><c>/images/{id or reference}</c>: an id (sha256:…, or a prefix of its hex digits) or a reference such as localhost:5000/team/app:1.0 or name@sha256:….</summary>
    public static string Image(string idOrReference) => "/images/" + Uri.EscapeDataString(ValidImage(idOrReference));

    /// <summary>An image id or reference as the engine's grammar allows it, for a path or a query value.</summary>
    public static string ValidImage(string idOrReference)
    {
        if (idOrReference is null || !(ImageIdPattern().IsMatch(idOrReference) || ReferencePattern().IsMatch(idOrReference)))
            throw Refuse(idOrReference, "is not a valid image name or id",
                "use a reference such as busybox:1.36, localhost:5000/team/app:1.0 or name@sha256:… (lowercase name, tag of letters, digits, '_', '.' and '-'), or an image id.");
        return idOrReference;
    }

    /// <summary><c>/volumes/{name}</c>: the local driver's names (and anonymous volumes' 64 hex digits).</summary>
    public static string Volume(string name)
    {
        if (name is null || !VolumePattern().IsMatch(name))
            throw Refuse(name, "is not a valid volume name",
                "use letters, digits, '_', '.' and '-', starting with a letter or digit.");
        return "/volumes/" + Uri.EscapeDataString(name);
    }

    /// <summary>
    /// <c>/networks/{id or name}</c>. The engine accepts almost any network name (even "a b" or "a/b", which it routes
    /// escaped); refused are only those it would resolve as a different path: empty, '.' or '..' parts, control characters.
    /// </summary>
    public static string Network(string idOrName)
    {
        if (string.IsNullOrWhiteSpace(idOrName) || HasControl(idOrName) || !PartsAreClean(idOrName))
            throw Refuse(idOrName, "is not a valid network name or id",
                "use the network's id, or a name that is not empty, not '.' or '..', has no empty, '.' or '..' parts between slashes and no control characters.");
        return "/networks/" + Uri.EscapeDataString(idOrName);
    }

    /// <summary><c>/exec/{id}</c>: the 64 hexadecimal digits the engine gave the exec instance.</summary>
    public static string Exec(string id)
    {
        if (id is null || !ExecIdPattern().IsMatch(id))
            throw Refuse(id, "is not a valid exec id", "the engine's exec ids are 64 hexadecimal digits.");
        return "/exec/" + id;
    }

    /// <summary>
    /// The last check before a request leaves (every request goes through it): a path with an empty, '.' or '..' segment,
    /// raw or percent-encoded (once or more), or with a control character or space anywhere, is refused.
    /// </summary>
    public static void EnsureSafe(string pathAndQuery)
    {
        if (string.IsNullOrEmpty(pathAndQuery) || pathAndQuery[0] != '/' || pathAndQuery.Any(c => c <= ' ' || c == '\x7f'))
            throw Refuse(pathAndQuery, "is not a path Quayside sends to the engine", "it must start with '/' and hold no spaces or control characters.");
        var question = pathAndQuery.IndexOf('?');
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        foreach (var segment in path[1..].Split('/'))
        {
            if (!PartsAreClean(Decoded(segment)))
                throw Refuse(pathAndQuery, "is not a path Quayside sends to the engine",
                    "it has an empty, '.' or '..' segment (perhaps percent-encoded), which would reach another engine resource than the one named.");
        }
    }

    /// <summary>A segment decoded until it no longer changes (bounded), so %252e%252e is seen as '..' too.</summary>
    private static string Decoded(string segment)
    {
        for (var i = 0; i < 4 && segment.Contains('%'); i++)
        {
            var next = Uri.UnescapeDataString(segment);
            if (next == segment)
                break;
            segment = next;
        }
        return segment;
    }

    /// <summary>No empty, "." or ".." part between slashes ('\' counts as a slash, as some servers read it).</summary>
    private static bool PartsAreClean(string value) =>
        value.Split('/', '\\').All(p => p.Length > 0 && p is not "." and not "..");

    private static bool HasControl(string value) => value.Any(char.IsControl);

    private static InvalidEngineNameException Refuse(string? value, string what, string accepted) =>
        new($"{Shown(value)} {what}: {accepted}");

    /// <summary>The refused value for a message: quoted, control characters made visible, long values cut.</summary>
    private static string Shown(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "An empty value";
        var text = new StringBuilder();
        foreach (var c in value.Length > 100 ? value[..100] : value)
            text.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        return $"'{text}{(value.Length > 100 ? "…" : "")}'";
    }

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]*\z")] private static partial Regex ContainerPattern();
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]*\z")] private static partial Regex VolumePattern();
    [GeneratedRegex(@"^[0-9a-f]{64}\z")] private static partial Regex ExecIdPattern();
    [GeneratedRegex(@"^(?:sha256:)?[0-9a-f]{1,64}\z")] private static partial Regex ImageIdPattern();

    /// <summary>The reference grammar of the engine (distribution/reference): [domain[:port]/]path[:tag][@digest].</summary>
    [GeneratedRegex("""
        ^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?
        [a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*
        (?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?
        (?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?\z
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ReferencePattern();
}
