using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Quayside.Engine.Pulls;
using Quayside.Engine.Registries;
using Quayside.Web.Data;
using Quayside.Web.Pulls;

namespace Quayside.Web.Registries;

/// <summary>What a page may see of a saved registry: never the secret, only whether there is one.</summary>
public sealed record RegistryEntry(int Id, string Address, string? Username, bool HasSecret)
{
    public bool IsDockerHub => Address == ImageReference.DockerHub;
}

/// <summary>
/// Saved registries in SQLite; secrets are encrypted with ASP.NET Core Data Protection and only decrypted to build
/// the credentials of a request. Singleton: each call uses its own DbContext scope.
/// </summary>
public sealed class RegistryStore(IServiceScopeFactory scopes, IDataProtectionProvider protection) : IRegistryCredentials
{
    private readonly IDataProtector _protector = protection.CreateProtector("Quayside.Registries.Secret.v1");
    private readonly TableScope _table = new(scopes, SavedRegistry.CreateTableSql);

    public async Task<IReadOnlyList<RegistryEntry>> ListAsync(CancellationToken ct = default) =>
        await UseAsync(async db => (await db.Registries.AsNoTracking().OrderBy(r => r.Address).ToListAsync(ct))
            .Select(r => new RegistryEntry(r.Id, r.Address, r.Username, r.ProtectedSecret is not null)).ToList(), ct);

    /// <summary>Adds or replaces the registry at that address. Address must already be normalised (<see cref="RegistryAddress"/>).</summary>
    public Task SaveAsync(string address, string? username, string? secret, CancellationToken ct = default) =>
        UseAsync(async db =>
        {
            var row = await db.Registries.SingleOrDefaultAsync(r => r.Address == address, ct);
            if (row is null)
                db.Registries.Add(row = new SavedRegistry { Address = address });
            row.Username = string.IsNullOrWhiteSpace(username) ? null : username.Trim();
            row.ProtectedSecret = string.IsNullOrEmpty(secret) ? null : _protector.Protect(secret);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    public Task RemoveAsync(int id, CancellationToken ct = default) =>
        UseAsync(async db => await db.Registries.Where(r => r.Id == id).ExecuteDeleteAsync(ct), ct);

    public async Task<RegistryAuth?> FindAsync(string registry, CancellationToken ct) =>
        await UseAsync(async db =>
        {
            var row = await db.Registries.AsNoTracking().SingleOrDefaultAsync(r => r.Address == registry, ct);
            return row is { Username: { } user, ProtectedSecret: { } secret }
                ? new RegistryAuth(row.Address == ImageReference.DockerHub ? "https://index.docker.io/v1/" : row.Address, user, _protector.Unprotect(secret))
                : null;
        }, ct);

    private Task<T> UseAsync<T>(Func<QuaysideDb, Task<T>> work, CancellationToken ct) => _table.UseAsync(work, ct);
}
