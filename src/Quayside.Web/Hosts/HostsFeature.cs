using Quayside.Engine.Connection;
using Quayside.Engine.Hosts;
using Quayside.Engine.Model;
using Quayside.Web.Api;

namespace Quayside.Web.Hosts;

/// <summary>A host as the hosts page and /api/hosts show it: state, versions and counts; never a key.</summary>
public sealed record HostRow(
    string Name, string Address, string Transport, bool IsDefault, string? ContextName, string State, DateTimeOffset Since,
    string? Problem, string? Version, string? ApiVersion, string? Os, string? Arch, int Running, int Containers, int Images,
    string Cli, bool HasTls, bool HasSshKey, string? SshPublicKey, string? SshHostKey, int? Cpus, long? MemoryBytes, string? PinnedApiVersion)
{
    public static HostRow From(EngineHost host, HostEntry? saved)
    {
        var status = host.Model.Status;
        var containers = host.Model.Containers.Values;
        return new HostRow(host.Name, host.Endpoint.Address, host.Endpoint.Transport.ToString().ToLowerInvariant(), host.IsDefault,
            host.ContextName, status.State.ToString().ToLowerInvariant(), status.Since, status.Problem?.ToString(),
            status.Version?.Version, status.Version?.ApiVersion, status.Version?.Os, status.Version?.Arch,
            containers.Count(c => c.State == "running"), containers.Count(), host.Model.Images.Count, host.Cli("docker ps -a"),
            saved?.HasTls ?? false, saved?.HasSshKey ?? false, saved?.SshPublicKey, saved?.SshHostKey,
            status.Capacity?.Cpus, status.Capacity?.MemoryBytes, host.Endpoint.ApiVersion?.ToString());
    }
}

public sealed record TrustRequest(string Fingerprint);

/// <summary>Engines other than the local one: saved hosts (keys encrypted at rest), their live models, test and trust.</summary>
public static class HostsFeature
{
    public static IServiceCollection AddHosts(this IServiceCollection services) => services
        .AddSingleton<HostStore>()
        .AddSingleton(sp => new HostRegistry(new EngineHost(EngineHost.DefaultName, sp.GetRequiredService<HostModel>(), shared: sp.GetService), sp.GetService<ILoggerFactory>(), sp.GetService))
        .AddSingleton<HostDirectory>()
        .AddHostedService<SavedHostsLoader>();

    public static IEndpointRouteBuilder MapHosts(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapApiGroup("/hosts", "Hosts");

        group.MapGet("/", async (HostDirectory hosts, CancellationToken ct) => Results.Ok(await hosts.RowsAsync(ct)))
            .WithSummary("Every host with its state, versions and container counts (docker context ls, docker info per host).");

        group.MapPost("/", async (HostForm form, HostDirectory hosts, CancellationToken ct) =>
            await hosts.SaveAsync(form, null, ct) is { Problems.Count: > 0 } refused
                ? Results.ValidationProblem(refused.Problems)
                : Results.Created($"/api/hosts/{form.Name.Trim()}", await hosts.RowAsync(form.Name.Trim(), ct)))
            .WithSummary("Add a host: unix://, tcp:// (with TLS material, or plain with AcceptPlainTcp) or ssh:// (with a key, or GenerateSshKey).");

        group.MapPost("/{name}", async (string name, HostForm form, HostDirectory hosts, CancellationToken ct) =>
            await hosts.SaveAsync(form, name, ct) is { Problems.Count: > 0 } refused
                ? Results.ValidationProblem(refused.Problems)
                : Results.Ok(await hosts.RowAsync(form.Name.Trim(), ct)))
            .WithSummary("Edit a host; secrets left empty keep the saved ones.");

        group.MapPost("/test", async (HostForm form, HostDirectory hosts, CancellationToken ct) =>
            await hosts.TestFormAsync(form, ct) is var (problems, result) && problems.Count > 0 ? Results.ValidationProblem(problems) : Results.Ok(ProbeAnswer.From(result!)))
            .WithSummary("Test a host before saving it: engine and API version, OS, architecture and round trip, or the problem in words.");

        group.MapPost("/{name}/test", async (string name, HostDirectory hosts, CancellationToken ct) =>
            await hosts.TestSavedAsync(name, ct) is { } result ? Results.Ok(ProbeAnswer.From(result)) : Results.NotFound())
            .WithSummary("Test a saved host's connection.");

        group.MapPost("/{name}/trust", async (string name, TrustRequest request, HostDirectory hosts, CancellationToken ct) =>
            await hosts.TrustAsync(name, request.Fingerprint, ct) is { } problem
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["Fingerprint"] = [problem] })
                : Results.Ok(await hosts.RowAsync(name, ct)))
            .WithSummary("Pin an SSH host's key after the user compared its fingerprint.");

        group.MapDelete("/{name}", async (string name, HostDirectory hosts, CancellationToken ct) =>
            await hosts.RemoveAsync(name, ct) ? Results.NoContent() : Results.NotFound())
            .WithSummary("Remove a saved host (nothing on the host itself changes).");

        group.MapGet("/contexts", (HostDirectory hosts) => Results.Ok(hosts.Contexts()))
            .WithSummary("The docker CLI's contexts found on this machine (docker context ls), to import.");

        group.MapPost("/contexts/{context}", async (string context, HostDirectory hosts, CancellationToken ct) =>
            await hosts.ImportAsync(context, ct) is { Count: > 0 } problems ? Results.ValidationProblem(problems) : Results.Ok(await hosts.RowsAsync(ct)))
            .WithSummary("Import a docker context as a host; its CLI lines then say --context NAME.");
        return endpoints.MapAllHosts();
    }
}

/// <summary>"Test connection" as the page and the API show it.</summary>
public sealed record ProbeAnswer(bool Ok, string? Version, string? ApiVersion, string? Os, string? Arch, double RoundTripMs, string? Problem, string? HostKeyToConfirm)
{
    public static ProbeAnswer From(HostProbeResult r) => new(r.Ok, r.Version?.Version, r.Version?.ApiVersion, r.Version?.Os, r.Version?.Arch,
        Math.Round(r.RoundTrip.TotalMilliseconds, 1), r.Problem?.ToString(), r.HostKeyToConfirm);
}

/// <summary>Connects the saved hosts at start, in the background: a dead host never delays the app.</summary>
public sealed class SavedHostsLoader(HostDirectory hosts, ILogger<SavedHostsLoader> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await hosts.ConnectSavedAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("Saved hosts could not be read: {Problem}", e.Message);
        }
    }
}
