namespace Quayside.Engine.Inspect;

/// <summary>Which environment variables look like secrets, so a page masks their values until asked.</summary>
public static class SecretValues
{
    private static readonly string[] Markers = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL"];

    public static bool LooksSecret(string name) =>
        Markers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>Splits <c>NAME=value</c> as the engine lists environment variables (a bare NAME has no value).</summary>
    public static (string Name, string Value) Split(string variable)
    {
        var eq = variable.IndexOf('=');
        return eq < 0 ? (variable, "") : (variable[..eq], variable[(eq + 1)..]);
    }
}
