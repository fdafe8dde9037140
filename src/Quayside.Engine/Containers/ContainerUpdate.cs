using System.Text.Json.Nodes;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;

namespace Quayside.Engine.Containers;

/// <summary>
/// What an update did: the CLI line it equals, a sentence, the engine's warnings (e.g. a discarded block I/O weight)
/// and the problems by form field (<see cref="UpdateField"/>), so the page can show each next to its field.
/// </summary>
public sealed record UpdateOutcome(bool Ok, string Cli, string Message, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, string> FieldErrors)
{
    public static UpdateOutcome Refused(string cli, string field, string message) =>
        new(false, cli, message, [], new Dictionary<string, string> { [field] = message });
}

/// <summary><c>docker update</c>: changes a container's restart policy and resource limits in place, running or not.</summary>
public sealed class ContainerUpdate(HostModel model)
{
    private EngineClient Client => model.Client;

    public EngineEndpoint Endpoint => Client.Endpoint;

    /// <summary>The container and the values it has now, which prefill the form.</summary>
    public async Task<UpdateTarget> LoadAsync(string container, CancellationToken ct = default) =>
        UpdateTarget.From(await Client.InspectContainerAsync(container, ct));

    /// <summary>Sends what differs between the target's current values and <paramref name="wanted"/>, once the form is valid.</summary>
    public async Task<UpdateOutcome> UpdateAsync(UpdateTarget target, UpdateSpec wanted, CancellationToken ct = default)
    {
        var changes = UpdateChanges.Between(target.Current, wanted);
        var cli = DockerCli.Update(target.Name, changes);
        var errors = UpdateRules.Validate(target, wanted);
        if (errors.Count > 0)
            return new UpdateOutcome(false, cli, "Some fields need correcting: see the messages next to them.", [], errors);
        if (changes.Count == 0)
            return new UpdateOutcome(true, cli, $"Nothing to update: the form holds {target.Name}'s current values.", [], new Dictionary<string, string>());
        try
        {
            var (_, body) = await Client.SendAsync(HttpMethod.Post, EngineRoutes.ContainerUpdate(target.Id), UpdateChanges.Body(changes), ct);
            var warnings = (body?["Warnings"] as JsonArray ?? []).Select(w => w?.GetValue<string>() ?? "").Where(w => w.Length > 0).ToList();
            var applied = target.State is "running" or "paused" or "restarting" ? "" : " The limits apply when it starts.";
            return new UpdateOutcome(true, cli, $"Updated {target.Name}: {string.Join(", ", changes.Select(c => c.Flag[2..]))}.{applied}", warnings, new Dictionary<string, string>());
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var problem = EngineErrorTranslator.Translate(e, Client.Endpoint);
            var field = problem.Field is { } f && UpdateField.All.Contains(f) ? f : UpdateField.General;
            return UpdateOutcome.Refused(cli, field, problem.ToString());
        }
    }
}
