using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quayside.Web.Data;

namespace Quayside.Web.Auth;

/// <summary>User accounts: creation with a hashed password and credential checks.</summary>
public sealed class UserService(QuaysideDb db)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    public Task<bool> AnyAsync(CancellationToken ct = default) => db.Users.AnyAsync(ct);

    public async Task<UserAccount> CreateAsync(string userName, string password, CancellationToken ct = default)
    {
        var user = new UserAccount { UserName = userName, PasswordHash = "" };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<UserAccount?> CheckAsync(string userName, string password, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null)
        {
            // Spend the same time as a real check so that timing does not reveal which names exist.
            Hasher.VerifyHashedPassword(new UserAccount { UserName = "", PasswordHash = "" }, DummyHash, password);
            return null;
        }
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    private static readonly string DummyHash = Hasher.HashPassword(new UserAccount { UserName = "", PasswordHash = "" }, Guid.NewGuid().ToString());
}
