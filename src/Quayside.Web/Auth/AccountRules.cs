using System.Text.RegularExpressions;

namespace Quayside.Web.Auth;

public static partial class AccountRules
{
    public const int MinPasswordLength = 12;

    public static string? UserName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "A user name is required."
        : !UserNamePattern().IsMatch(name) ? "The user name may hold letters, digits, '.', '_' and '-' (1 to 64 characters)."
        : null;

    public static string? Password(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinPasswordLength
            ? $"The password must be at least {MinPasswordLength} characters long."
            : null;

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")] private static partial Regex UserNamePattern();
}
