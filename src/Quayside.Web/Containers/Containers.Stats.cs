using Microsoft.AspNetCore.Components;
using Quayside.Engine.Containers;
using Quayside.Engine.Stats;
using Quayside.Web.Components.Shared;
using Quayside.Web.Stats;

namespace Quayside.Web.Containers;

/// <summary>The optional CPU and memory columns: the running rows shown are watched through the shared stats collectors.</summary>
public partial class Containers
{
    // Off by default: every watched container costs the engine a stats stream, like "Show sizes" costs it a size scan.
    private bool _showStats;
    private StatsWatch? _statsWatch;

    private StatsHub StatsHub => HostService<StatsHub>();

    private void ToggleStats() => _showStats = !_showStats;

    /// <summary>Called while rendering the rows: keeps exactly the shown running containers watched.</summary>
    private void WatchStats(IReadOnlyList<ContainerSummary> rows)
    {
        if (!_showStats && _statsWatch is null)
            return;
        _statsWatch ??= new StatsWatch(StatsHub, () => InvokeAsync(StateHasChanged));
        _statsWatch.Watch(_showStats ? rows.Where(r => r.State == "running").Select(r => r.Id) : []);
    }

    private string CpuCell(ContainerSummary c) =>
        c.State != "running" ? "" : StatsHub.Latest(c.Id) is { CpuPercent: { } cpu } ? StatsFormat.Percent(cpu) : "…";

    private string MemoryCell(ContainerSummary c) =>
        c.State != "running" ? "" : StatsHub.Latest(c.Id) is { } s ? $"{StatsFormat.Memory(s.MemoryUsage)} ({StatsFormat.Percent(s.MemoryPercent)})" : "…";

    public override void Dispose()
    {
        _statsWatch?.Dispose();
        base.Dispose();
    }
}
