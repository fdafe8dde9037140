using System.Security.Cryptography;
using System.Text;

namespace Quayside.Web.Auth;

/// <summary>
/// While no account exists, the one-time setup token printed on the console is the only way to create the first admin,
/// so whoever reaches the setup page first cannot take over a fresh instance.
/// </summary>
public sealed class SetupState
{
    private string? _token;

    public bool IsPending => Volatile.Read(ref _token) is not null;

    public string Begin()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        Volatile.Write(ref _token, token);
        return token;
    }

    public bool Matches(string? candidate)
    {
        var token = Volatile.Read(ref _token);
        return token is not null && candidate is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(candidate.Trim()));
    }

    public void Complete() => Volatile.Write(ref _token, null);
}
