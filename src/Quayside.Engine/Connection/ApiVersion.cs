using System.Globalization;
using System.Text.RegularExpressions;

namespace Quayside.Engine.Connection;

/// <summary>An Engine API version such as 1.41, as <c>docker version</c> shows it and <c>DOCKER_API_VERSION</c> takes it.</summary>
public readonly partial record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    /// <summary>The oldest API a Docker engine of today still accepts (Docker 1.12's is 1.24; older requests are refused).</summary>
    public static readonly ApiVersion Oldest = new(1, 12);

    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        var match = text is null ? Match.Empty : Grammar().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out var minor))
            return false;
        version = new ApiVersion(major, minor);
        return true;
    }

    public static ApiVersion? ParseOrNull(string? text) => TryParse(text, out var v) ? v : null;

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion a, ApiVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(ApiVersion a, ApiVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ApiVersion a, ApiVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major}.{Minor}";

    [GeneratedRegex(@"^v?(\d{1,2})\.(\d{1,3})$")]
    private static partial Regex Grammar();
}
