using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Quayside.Engine.Connection;
using Quayside.Engine.Hosts;
using Quayside.Web.Data;

namespace Quayside.Web.Hosts;

/// <summary>What a page may see of a saved host: never a key, only whether there is one, and the public parts.</summary>
public sealed record HostEntry(string Name, string Address, string? ContextName, bool HasTls, bool HasSshKey, string? SshPublicKey, string? SshHostKey, string? ApiVersion = null);

/// <summary>
/// Saved hosts in SQLite. TLS material and SSH keys are encrypted with Data Protection and decrypted only to build
/// the host's connection. Singleton: each call uses its own DbContext scope.
/// </summary>
public sealed class HostStore(IServiceScopeFactory scopes, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Quayside.Hosts.Secret.v1");
    private readonly TableScope _table = new(scopes, SavedHost.CreateTableSql, SavedHost.AddedColumns);

    public async Task<IReadOnlyList<HostEntry>> ListAsync(CancellationToken ct = default) =>
        await UseAsync(async db => (await db.Hosts.AsNoTracking().OrderBy(h => h.Name).ToListAsync(ct)).Select(Entry).ToList(), ct);

    public Task<HostEntry?> FindAsync(string name, CancellationToken ct = default) =>
        UseAsync(async db => await db.Hosts.AsNoTracking().SingleOrDefaultAsync(h => h.Name == name, ct) is { } row ? Entry(row) : null, ct);

    /// <summary>The endpoint of every saved host, secrets decrypted, to connect to.</summary>
    public async Task<IReadOnlyList<(string Name, EngineEndpoint Endpoint, string? ContextName)>> EndpointsAsync(CancellationToken ct = default) =>
        await UseAsync(async db => (await db.Hosts.AsNoTracking().OrderBy(h => h.Name).ToListAsync(ct))
            .Select(h => (h.Name, Endpoint(h), h.ContextName)).ToList(), ct);

    public Task<SavedHostSecrets?> SecretsAsync(string name, CancellationToken ct = default) =>
        UseAsync(async db => await db.Hosts.AsNoTracking().SingleOrDefaultAsync(h => h.Name == name, ct) is { } row ? Secrets(row) : null, ct);

    /// <summary>
    /// Validates and saves the form (as a new host, or over <paramref name="editing"/>); returns the problems by field,
    /// or the endpoint saved. Fields left empty on an edit keep their saved secrets.
    /// </summary>
    public Task<(Dictionary<string, string[]> Problems, EngineEndpoint? Endpoint)> SaveAsync(HostForm form, string? editing, CancellationToken ct = default) =>
        UseAsync(async db =>
        {
            var name = form.Name.Trim();
            var row = editing is null ? null : await db.Hosts.SingleOrDefaultAsync(h => h.Name == editing, ct);
            if (editing is not null && row is null)
                return (new Dictionary<string, string[]> { [nameof(HostForm.Name)] = [$"There is no saved host \"{editing}\" to edit: it may have been removed."] }, (EngineEndpoint?)null);
            var saved = row is null ? null : Secrets(row);
            var taken = name != editing && await db.Hosts.AnyAsync(h => h.Name == name, ct);
            var problems = form.Validate(taken, saved);
            if (problems.Count > 0)
                return (problems, null);

            var endpoint = EngineEndpoint.Parse(form.Address);
            if (row is null)
                db.Hosts.Add(row = new SavedHost { Name = name, Address = endpoint.Address });
            if (row.Address != endpoint.Address)
                row.SshHostKey = null; // another machine: its key must be confirmed again
            row.Name = name;
            row.Address = endpoint.Address;
            row.ContextName = string.IsNullOrWhiteSpace(form.ContextName) ? row.ContextName : form.ContextName.Trim();
            row.ApiVersion = ApiVersion.ParseOrNull(form.ApiVersion)?.ToString();
            row.ProtectedTls = endpoint.Transport == EngineTransport.Tcp && form.MergedTls(saved) is { } tls
                ? _protector.Protect(JsonSerializer.Serialize(tls)) : null;
            if (endpoint.Transport == EngineTransport.Ssh)
            {
                if (form.GenerateSshKey)
                {
                    var (privatePem, publicLine) = SshKeys.Generate($"quayside@{name}");
                    row.ProtectedSshKey = _protector.Protect(privatePem);
                    row.ProtectedSshPassphrase = null;
                    row.SshPublicKey = publicLine;
                }
                else if (!string.IsNullOrWhiteSpace(form.SshPrivateKey))
                {
                    row.ProtectedSshKey = _protector.Protect(form.SshPrivateKey.Trim() + "\n");
                    row.ProtectedSshPassphrase = string.IsNullOrEmpty(form.SshPassphrase) ? null : _protector.Protect(form.SshPassphrase);
                    row.SshPublicKey = null;
                }
            }
            else
            {
                row.ProtectedSshKey = row.ProtectedSshPassphrase = row.SshPublicKey = row.SshHostKey = null;
            }
            await db.SaveChangesAsync(ct);
            return (new Dictionary<string, string[]>(), (EngineEndpoint?)Endpoint(row));
        }, ct);

    /// <summary>Pins the host key the user confirmed; returns the endpoint to reconnect with.</summary>
    public Task<EngineEndpoint?> TrustHostKeyAsync(string name, string fingerprint, CancellationToken ct = default) =>
        UseAsync(async db =>
        {
            var row = await db.Hosts.SingleOrDefaultAsync(h => h.Name == name, ct);
            if (row is null)
                return null;
            row.SshHostKey = fingerprint;
            await db.SaveChangesAsync(ct);
            return Endpoint(row);
        }, ct);

    public Task<bool> RemoveAsync(string name, CancellationToken ct = default) =>
        UseAsync(async db => await db.Hosts.Where(h => h.Name == name).ExecuteDeleteAsync(ct) > 0, ct);

    private static HostEntry Entry(SavedHost h) =>
        new(h.Name, h.Address, h.ContextName, h.ProtectedTls is not null, h.ProtectedSshKey is not null, h.SshPublicKey, h.SshHostKey, h.ApiVersion);

    private SavedHostSecrets Secrets(SavedHost h) => new(
        h.ProtectedTls is null ? null : JsonSerializer.Deserialize<TlsMaterial>(_protector.Unprotect(h.ProtectedTls)),
        h.ProtectedSshKey is null ? null : _protector.Unprotect(h.ProtectedSshKey),
        h.ProtectedSshPassphrase is null ? null : _protector.Unprotect(h.ProtectedSshPassphrase));

    private EngineEndpoint Endpoint(SavedHost h)
    {
        var secrets = Secrets(h);
        var endpoint = EngineEndpoint.Parse(h.Address);
        return endpoint with
        {
            ApiVersion = ApiVersion.ParseOrNull(h.ApiVersion),
            Tls = secrets.Tls,
            Ssh = endpoint.Transport == EngineTransport.Ssh && secrets.SshKey is { } key ? new SshMaterial(key, secrets.SshPassphrase, h.SshHostKey) : null,
        };
    }

    private Task<T> UseAsync<T>(Func<QuaysideDb, Task<T>> work, CancellationToken ct) => _table.UseAsync(work, ct);
}
