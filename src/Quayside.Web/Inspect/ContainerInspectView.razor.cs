using System.Globalization;
using Microsoft.AspNetCore.Components;
using Quayside.Engine.Containers;
using Quayside.Engine.Images;
using Quayside.Engine.Inspect;
using Quayside.Engine.Model;

namespace Quayside.Web.Inspect;

public partial class ContainerInspectView
{
    private HostModel Model => HostService<HostModel>();

    [Parameter, EditorRequired] public ContainerSummary Container { get; set; } = default!;

    // The list's status text changes with the state and the health, so a change there reads the container again.
    protected override string LoadKey => $"{Container.Id}|{Container.State}|{Container.Status}";

    protected override Task<Inspected<ContainerDetails>> LoadAsync(CancellationToken ct) => Inspector.ContainerAsync(Container.Id, ct);

    private static string ImageSummaryId(string id) => ImageSummary.ShortenId(id);

    private static string PublishedPorts(ContainerDetails d)
    {
        var bound = (d.NetworkSettings.Ports ?? new Dictionary<string, IReadOnlyList<HostPort>?>())
            .Where(p => p.Value is { Count: > 0 })
            .SelectMany(p => p.Value!.Select(h => $"{(string.IsNullOrEmpty(h.HostIp) ? "" : h.HostIp + ":")}{h.Port} → {p.Key}"))
            .Distinct()
            .ToList();
        return bound.Count == 0 ? "none" : string.Join(", ", bound);
    }

    private static string CpuLimit(HostConfig h)
    {
        if (h.NanoCpus > 0)
            return (h.NanoCpus / 1e9).ToString("0.##", CultureInfo.InvariantCulture);
        if (h.CpuQuota > 0)
            return $"{((double)h.CpuQuota / (h.CpuPeriod > 0 ? h.CpuPeriod : 100_000)).ToString("0.##", CultureInfo.InvariantCulture)} (quota {h.CpuQuota} per {(h.CpuPeriod > 0 ? h.CpuPeriod : 100_000)} µs)";
        return "unlimited";
    }
}
