using Quayside.Engine.Connection;
using Quayside.Engine.Hosts;

namespace Quayside.Web.Hosts;

/// <summary>The saved hosts and their live connections kept in step: what the page and the API call.</summary>
public sealed class HostDirectory(HostStore store, HostRegistry registry)
{
    public HostRegistry Registry => registry;

    public async Task ConnectSavedAsync(CancellationToken ct)
    {
        foreach (var (name, endpoint, context) in await store.EndpointsAsync(ct))
            registry.Put(name, endpoint, context);
    }

    public async Task<IReadOnlyList<HostRow>> RowsAsync(CancellationToken ct) => Rows(await SavedAsync(ct));

    /// <summary>The saved hosts' public parts by name: they change only when a host is saved, trusted or removed.</summary>
    public async Task<IReadOnlyDictionary<string, HostEntry>> SavedAsync(CancellationToken ct) =>
        (await store.ListAsync(ct)).ToDictionary(h => h.Name);

    /// <summary>Every host's row from its live model, with the saved parts given.</summary>
    public IReadOnlyList<HostRow> Rows(IReadOnlyDictionary<string, HostEntry> saved) =>
        [.. registry.All.Select(h => HostRow.From(h, saved.GetValueOrDefault(h.Name)))];

    public async Task<HostRow?> RowAsync(string name, CancellationToken ct) =>
        registry.Find(name) is { } host ? HostRow.From(host, await store.FindAsync(name, ct)) : null;

    public async Task<(Dictionary<string, string[]> Problems, EngineEndpoint? Endpoint)> SaveAsync(HostForm form, string? editing, CancellationToken ct)
    {
        var (problems, endpoint) = await store.SaveAsync(form, editing, ct);
        if (endpoint is null)
            return (problems, null);
        var name = form.Name.Trim();
        if (editing is not null && editing != name)
            await registry.RemoveAsync(editing);
        registry.Put(name, endpoint, (await store.FindAsync(name, ct))?.ContextName);
        return (problems, endpoint);
    }

    public async Task<(Dictionary<string, string[]> Problems, HostProbeResult? Result)> TestFormAsync(HostForm form, CancellationToken ct)
    {
        // The name is not the point of a test: only the connection fields are checked.
        var problems = (form with { Name = "test" }).Validate(false, null);
        if (problems.Count > 0)
            return (problems, null);
        var endpoint = EngineEndpoint.Parse(form.Address);
        endpoint = endpoint with
        {
            ApiVersion = ApiVersion.ParseOrNull(form.ApiVersion),
            Tls = endpoint.Transport == EngineTransport.Tcp ? form.MergedTls(null) : null,
            Ssh = endpoint.Transport == EngineTransport.Ssh && !string.IsNullOrWhiteSpace(form.SshPrivateKey)
                ? new SshMaterial(form.SshPrivateKey.Trim() + "\n", form.SshPassphrase, null) : null,
        };
        if (endpoint.Transport == EngineTransport.Ssh && endpoint.Ssh is null)
            return (new() { [nameof(HostForm.SshPrivateKey)] = ["Save the host first: its generated key must be in authorized_keys before a test can log in."] }, null);
        return (problems, await HostProbe.TestAsync(endpoint, ct));
    }

    public async Task<HostProbeResult?> TestSavedAsync(string name, CancellationToken ct) =>
        registry.Find(name) is { } host ? await HostProbe.TestAsync(host.Endpoint, ct) : null;

    /// <summary>Pins the fingerprint when it is the key the host presents now; otherwise says why not.</summary>
    public async Task<string?> TrustAsync(string name, string fingerprint, CancellationToken ct)
    {
        var host = registry.Find(name);
        if (host is null || host.Endpoint.Transport != EngineTransport.Ssh)
            return $"There is no SSH host \"{name}\".";
        fingerprint = fingerprint.Trim().Replace("SHA256:", "");
        string seen;
        try
        {
            seen = await SshDialer.ReadHostKeyAsync(host.Endpoint, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Engine.Errors.EngineErrorTranslator.Translate(e, host.Endpoint).ToString();
        }
        if (seen != fingerprint)
            return $"{host.Endpoint.Address} now presents SHA256:{seen}, not the SHA256:{fingerprint} you confirmed: nothing was pinned. Test again and compare.";
        if (await store.TrustHostKeyAsync(name, seen, ct) is { } endpoint)
            registry.Put(name, endpoint, host.ContextName);
        return null;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken ct)
    {
        if (!await store.RemoveAsync(name, ct))
            return false;
        await registry.RemoveAsync(name);
        return true;
    }

    public IReadOnlyList<object> Contexts() =>
        [.. DockerContexts.Read().Select(c => new { c.Name, c.Address, c.Description, HasTls = c.Tls is not null })];

    public async Task<Dictionary<string, string[]>> ImportAsync(string context, CancellationToken ct)
    {
        var found = DockerContexts.Read().FirstOrDefault(c => c.Name == context);
        if (found is null)
            return new() { ["Context"] = [$"There is no docker context \"{context}\" in {DockerContexts.DefaultConfigDirectory}/contexts (see docker context ls)."] };
        var form = new HostForm
        {
            Name = HostNames.FromContext(found.Name),
            Address = found.Address,
            CaPem = found.Tls?.CaPem, CertPem = found.Tls?.CertPem, KeyPem = found.Tls?.KeyPem,
            AcceptPlainTcp = found.Tls is null,
            ContextName = found.Name,
        };
        return (await SaveAsync(form, null, ct)).Problems;
    }
}

internal static class HostNames
{
    /// <summary>A context's name made fit for URLs: lower case, dashes for anything else.</summary>
    public static string FromContext(string context)
    {
        var chars = context.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var name = new string(chars).Trim('-');
        return name.Length == 0 ? "context" : name.Length > 32 ? name[..32] : name;
    }
}
